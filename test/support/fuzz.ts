import fc from 'fast-check';
import { expect } from 'vitest';
import type { Answer } from '../api/harness';

/* Generators and checks shared by the fuzz tests (test/faults/fuzz-api.test.ts, test/api/fuzz-routes.test.ts). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (keys from the root) of a JSON value's containers and leaves. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

/** A valid body with one thing changed: a value replaced, a key removed, or a key added. */
export function mutationsOf(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid);
  return fc.record({ path: fc.constantFrom(...paths), op: fc.constantFrom('replace', 'delete', 'add'), value: fc.jsonValue() as fc.Arbitrary<Json>, key: fc.string() })
    .map(({ path, op, value, key }) => {
      const body = structuredClone(valid);
      if (path.length === 0) return op === 'replace' ? value : body;
      const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as Record<string, Json>)[k as string] ?? null, body) as Record<string, Json> | Json[];
      const last = path[path.length - 1] as string;
      if (op === 'replace') (parent as Record<string, Json>)[last] = value;
      else if (op === 'delete') delete (parent as Record<string, Json>)[last];
      else if (parent && typeof parent === 'object' && !Array.isArray(parent)) parent[key] = value;
      return body;
    });
}

export const bodies = (valid: Json) => fc.oneof({ weight: 3, arbitrary: mutationsOf(valid) }, { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> });

/** No 500 and every refusal a problem+json document with its status. */
export function expectSound(answer: Answer, headers: Headers): void {
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: answer.status, title: expect.any(String) });
  }
}

