/**
 * Process definitions (流程固化). Everything here is pure. `validate`,
 * `schema-validation` and this barrel load Ajv; the workflow sandbox imports
 * `graph-helpers` and `expression-evaluate` directly, which do not.
 */
export * from './schema';
export * from './schema-item';
export * from './types';
export * from './issues';
export * from './expression-ast';
export * from './expression-errors';
export * from './expression-parser';
export * from './expression-evaluate';
export * from './expression-check';
export * from './graph-helpers';
export * from './graph';
export * from './diff';
export * from './validate';
export * from './task-holder';
