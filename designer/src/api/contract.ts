import type { operations } from './schema.gen';

/**
 * The web app's view of the API's contract, derived from the OpenAPI document the API builds
 * from its route schemas (schema.gen.ts, `npm run web-types`): a schema change on the server
 * breaks the web app's typecheck instead of its screens.
 */
export type Operation = keyof operations;

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body that `op` answers with `status` (200 unless given). */
export type Answer<Op extends Operation, Status extends keyof operations[Op]['responses'] = 200 extends keyof operations[Op]['responses'] ? 200 : keyof operations[Op]['responses']> =
  JsonOf<operations[Op]['responses'][Status]>;

/** The JSON request body `op` takes. */
export type Body<Op extends Operation> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters `op` takes. */
export type Query<Op extends Operation> = NonNullable<operations[Op]['parameters']['query']>;
