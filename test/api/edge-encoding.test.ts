import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { userModel } from '../../db/models/user';
import { departmentModel } from '../../db/models/department';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const LONE = '\ud800';

describe('text that cannot be encoded is refused at the edge', () => {
  let api: ApiHarness;
  let admin: string;
  let t: Record<string, string>;
  let caseNo: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
    t = await api.people(admin, [
      { username: 'edge-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'edge-supervisor', roles: ['supervisor'] },
    ]);
    const started = await api.call('/cases', { token: t['edge-clerk'], body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: form } });
    caseNo = started.body.caseNo;
  }, 120_000);
  afterAll(() => api?.stop());

  const logCount = () => supervisionLogModel(api.db).countDocuments({});

  it('answers a badly encoded parameter with 400 naming it, on every route with path parameters, signed in or not', async () => {
    const doc = (await api.call('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const withParams = Object.entries(doc.paths).filter(([path]) => path.includes('{'));
    expect(withParams.length).toBeGreaterThanOrEqual(15);
    let tried = 0;
    for (const [path, operations] of withParams) {
      for (const method of Object.keys(operations)) {
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
        for (const bad of ['%ZZ', '%ED%A0%80']) {
          for (const name of params) {
            const url = path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (_m, p: string) => (p === name ? bad : 'x2026'));
            for (const token of [undefined, admin]) {
              const answer = await api.call(url, { method: method.toUpperCase(), ...(token && { token }), ...(method === 'get' || method === 'delete' ? {} : { body: {} }) });
              expect(answer.status, `${method} ${url}`).toBe(400);
              expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
              expect(problem(answer).errors, `${method} ${url}`).toContainEqual(expect.objectContaining({ in: 'path', pointer: `/${name}` }));
              tried++;
            }
          }
        }
      }
    }
    expect(tried).toBeGreaterThanOrEqual(60);
  });

  it('refuses a lone surrogate before a user changes: no effect, no record', async () => {
    const before = await logCount();
    const answer = await api.call('/users/edge-clerk', { method: 'PATCH', token: admin, body: { name: `x${LONE}`, roles: ['administrator'] } });
    expect(answer.status).toBe(400);
    expect(problem(answer).errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/name' })]);
    const user = await userModel(api.db).findOne({ username: 'edge-clerk' }).lean();
    expect(user?.roles).toEqual(['clerk']);
    expect(await logCount()).toBe(before);
  });

  it('refuses a lone surrogate in a department, an urge, a field name, a query and NUL in a field name', async () => {
    const before = await logCount();
    const dep = await api.call('/departments', { token: admin, body: { code: 'edge-dep', name: `部门${LONE}` } });
    expect(dep.status).toBe(400);
    expect(problem(dep).errors).toEqual([expect.objectContaining({ pointer: '/name' })]);
    expect(await departmentModel(api.db).countDocuments({ code: 'edge-dep' })).toBe(0);
    const urge = await api.call(`/cases/${caseNo}/urge`, { token: t['edge-supervisor'], headers: { 'idempotency-key': 'edge-urge-0001' }, body: { message: `快${LONE}` } });
    expect(urge.status).toBe(400);
    expect(problem(urge).errors).toEqual([expect.objectContaining({ pointer: '/message' })]);
    const key = await api.call('/departments', { token: admin, body: { code: 'edge-dep', name: 'n', [`k${LONE}`]: 1 } });
    expect(key.status).toBe(400);
    const nul = await api.call('/departments', { token: admin, body: { code: 'edge-dep', name: 'n', 'a\u0000b': 1 } });
    expect(problem(nul).errors?.[0]?.detail).toMatch(/NUL/);
    const query = await api.call('/cases?q=%00', { token: t['edge-clerk'] });
    expect(query.status).toBe(400);
    expect(problem(query).errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/q' })]);
    expect(await logCount()).toBe(before);
  });
});
