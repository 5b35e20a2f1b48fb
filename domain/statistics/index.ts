export * from './counters';
export * from './periods';
export * from './aggregate';
export * from './table';
