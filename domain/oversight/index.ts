// The rules (order-rules, complaint-rules) are imported by their workflows directly: their helpers share names.
export * from './vocabulary';
export * from './ladder';
export * from './order';
export * from './complaint';
