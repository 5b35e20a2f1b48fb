import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, type Answer } from '../api/harness';
import { form, licence } from './support';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path (keys from the root) of a JSON value's containers and leaves. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return here;
}

/** A valid body with one thing changed: a value replaced, a key removed, or a key added. */
function mutationsOf(valid: Json): fc.Arbitrary<Json> {
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

const bodies = (valid: Json) => fc.oneof({ weight: 3, arbitrary: mutationsOf(valid) }, { weight: 1, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> });

/** No 500 and every refusal a problem+json document with its status. */
function expectSound(answer: Answer, headers: Headers): void {
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: answer.status, title: expect.any(String) });
  }
}

describe('fuzzed JSON bodies', () => {
  let api: ApiHarness;
  let admin: string;
  let clerk: string;
  let supervisor: string;
  let caseNo: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
    const tokens = await api.people(admin, [
      { username: 'fuzz-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'fuzz-supervisor', roles: ['supervisor'] },
    ]);
    clerk = tokens['fuzz-clerk'] ?? '';
    supervisor = tokens['fuzz-supervisor'] ?? '';
    const started = await api.call('/cases', { token: clerk, body: { itemCode: licence.item.code, applicant: { name: 'A', kind: 'organisation' }, data: form } });
    caseNo = started.body.caseNo as string;
  }, 180_000);
  afterAll(() => api?.stop());

  const routes: { name: string; method?: string; path: () => string; token: () => string; valid: () => Json; headers?: () => Record<string, string> }[] = [
    { name: 'POST /auth/login', path: () => '/auth/login', token: () => '', valid: () => ({ username: 'fuzz-clerk', password: 'clerk-password-1' }) },
    { name: 'POST /cases', path: () => '/cases', token: () => clerk, valid: () => ({ itemCode: licence.item.code, applicant: { name: 'A', kind: 'organisation', phone: '13800000000' }, data: form }) },
    { name: 'POST /cases/{caseNo}/actions/complete-step', path: () => `/cases/${caseNo}/actions/complete-step`, token: () => clerk, valid: () => ({ nodeId: 'undertake', action: 'complete', feeCharged: 0, documents: ['a'] }), headers: () => ({ 'idempotency-key': randomUUID() }) },
    { name: 'POST /cases/{caseNo}/actions/start-special-procedure', path: () => `/cases/${caseNo}/actions/start-special-procedure`, token: () => clerk, valid: () => ({ kind: 'expert-review', reason: 'x', limitDays: 5 }), headers: () => ({ 'idempotency-key': randomUUID() }) },
    { name: 'POST /cases/{caseNo}/urge', path: () => `/cases/${caseNo}/urge`, token: () => supervisor, valid: () => ({ message: '请加快办理' }) },
    { name: 'PUT /definitions/{code}/draft', method: 'PUT', path: () => `/definitions/${licence.item.code}/draft`, token: () => admin, valid: () => ({ definition: licence as unknown as Json }) },
    { name: 'POST /users', path: () => '/users', token: () => admin, valid: () => ({ username: `u${randomUUID().slice(0, 6)}`, name: 'n', password: 'password-123456', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] }) },
    { name: 'POST /public/complaints', path: () => '/public/complaints', token: () => '', valid: () => ({ complainant: { name: '张三', phone: '13800000000' }, subject: '办理太慢', content: '等了很久', caseNo }) },
  ];

  for (const route of routes) {
    it(`${route.name}: no 500, every refusal a problem`, async () => {
      await fc.assert(fc.asyncProperty(bodies(route.valid()), async (body) => {
        const res = await fetch(`${api.url}${route.path()}`, {
          method: route.method ?? 'POST',
          headers: { 'content-type': 'application/json', ...(route.token() && { authorization: `Bearer ${route.token()}` }), ...route.headers?.() },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        expectSound({ status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }, res.headers);
      }), { numRuns: 40 });
    });
  }

  it('answers malformed JSON with a problem, and is still healthy afterwards', async () => {
    await fc.assert(fc.asyncProperty(fc.string(), async (raw) => {
      const answer = await api.call('/cases', { token: clerk, raw: `{${raw}` });
      expectSound(answer, answer.headers);
    }), { numRuns: 30 });
    expect((await api.call('/health')).status).toBe(200);
  });
});
