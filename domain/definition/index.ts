/**
 * Process definitions (流程固化). Everything here is pure. `schema/` holds the JSON Schema
 * of a definition and its messages, `expression/` the condition language, `graph/` the
 * navigation and regions of the graph, `checks/` the rules `validate` runs beyond the schema.
 * `validate`, `schema/validation` and this barrel load Ajv; the workflow sandbox imports
 * `graph/helpers` and `expression/evaluate` directly, which do not.
 */
export * from './schema/schema';
export * from './schema/item';
export * from './types';
export * from './issues';
export * from './expression/ast';
export * from './expression/errors';
export * from './expression/parser';
export * from './expression/evaluate';
export * from './expression/check';
export * from './graph/helpers';
export * from './graph/graph';
export * from './diff';
export * from './checks/directory';
export * from './validate';
export * from './task-holder';
