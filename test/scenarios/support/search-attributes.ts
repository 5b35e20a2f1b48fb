// The package is CommonJS: a default import works both under Node's ESM loader and in Vitest.
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CASE_SEARCH_ATTRIBUTES } from '../../../config/temporal';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/** Registers the case search attributes (the dev server gets them at start; the test server does not). */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(CASE_SEARCH_ATTRIBUTES.map(({ name, type }) => [
    name, type === 'Datetime' ? IndexedValueType.INDEXED_VALUE_TYPE_DATETIME : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  ]));
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
}
