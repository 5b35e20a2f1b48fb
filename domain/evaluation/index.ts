export * from './schema';
export * from './score';
export * from './default-standard';
export * from './adjust';
export * from './appeal';
export * from './persons';
export * from './withdrawal';
