import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from '../api/harness';
import { form, licence } from './support';
import { bodies, expectSound, type Json } from '../support/fuzz';

describe('fuzzed JSON bodies', () => {
  let api: ApiHarness;
  let admin: string;
  let clerk: string;
  let supervisor: string;
  let caseNo: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    await api.holders(admin, licence);
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
