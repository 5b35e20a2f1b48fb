import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyModel } from '../../db/models/anomaly';
import { caseRollupModel } from '../../db/models/case-rollup';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually } from './harness';

const licence = definitionFixtures['sequential-licence'];
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

describe('attempts outside the actor’s rights', () => {
  let api: ApiHarness;
  let t: Record<string, string>;

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
    t = await api.people(admin, [
      { username: 'b-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'b-window', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'a-clerk', roles: ['clerk'], department: 'market', positions: ['acceptor'] },
      { username: 'c-clerk', roles: ['clerk'], department: 'market', positions: ['acceptor'] },
      { username: 'watcher', roles: ['supervisor'] },
    ]);
  }, 120_000);
  afterAll(() => api?.stop());

  const start = async () => (await api.call('/cases', { token: t['b-clerk'], body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: form } })).body.caseNo as string;
  const act = (caseNo: string, action: string, token: string, body: object, key: string) =>
    api.call(`/cases/${caseNo}/actions/${action}`, { token, body, headers: { 'idempotency-key': key } });
  const rollups = async (department: string) =>
    (await caseRollupModel(api.db).find({ department }).lean()).map((r) => (r.counts as { anomalies?: number } | undefined)?.anomalies ?? 0).reduce((a, b) => a + b, 0);

  it('records ten tries on another department’s case under one key once, against the actor, and leaves that department’s figures alone', async () => {
    const caseNo = await start();
    await eventually(() => api.call(`/cases/${caseNo}`, { token: t['b-clerk'] }), (a) => a.status === 200);
    const before = await rollups('health-commission');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await act(caseNo, 'accept', t['a-clerk'] as string, {}, 'outside-key-0001'));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(404));
    const mine = await anomalyModel(api.db).find({ kind: 'outside-rights' }).lean();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ department: 'market', caseNo });
    const officerView = await api.call(`/cases/${caseNo}`, { token: t['watcher'] });
    expect(officerView.body.live.anomalies ?? []).toHaveLength(0);
    expect(await anomalyModel(api.db).countDocuments({ department: 'health-commission' })).toBe(0);
    expect(await rollups('health-commission')).toBe(before);
  });

  it('records at most twenty tries of one actor in an hour, counting them by _id', async () => {
    const caseNo = await start();
    await eventually(() => api.call(`/cases/${caseNo}`, { token: t['b-clerk'] }), (a) => a.status === 200);
    const filters: unknown[] = [];
    api.db.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'anomalies' && !method.startsWith('insert')) filters.push(filter);
    });
    try {
      for (let i = 0; i < 25; i++) expect((await act(caseNo, 'accept', t['c-clerk'] as string, {}, `c-outside-${String(i).padStart(4, '0')}`)).status).toBe(404);
    } finally {
      api.db.set('debug', false);
    }
    const recorded = await anomalyModel(api.db).find({ kind: 'outside-rights', caseNo }).lean();
    const byHour = new Map<string, number>();
    for (const a of recorded) byHour.set(a.at.toISOString().slice(0, 13), (byHour.get(a.at.toISOString().slice(0, 13)) ?? 0) + 1);
    // Twenty in one hour; a run across the hour's end may record up to twenty in each.
    expect([...byHour.values()].every((n) => n <= 20)).toBe(true);
    expect(recorded.length).toBeGreaterThanOrEqual(20);
    expect(filters.every((f) => Object.keys((f ?? {}) as object).join() === '_id')).toBe(true);
  });

  it('records a refusal for rights on a visible case once per key', async () => {
    const caseNo = await start();
    expect((await act(caseNo, 'accept', t['b-clerk'] as string, {}, 'accept-key-0001')).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await act(caseNo, 'complete-step', t['b-window'] as string, { nodeId: 'undertake', action: 'complete' }, 'window-key-0001')).status).toBe(403);
    }
    const seen = await eventually(() => api.call(`/cases/${caseNo}`, { token: t['watcher'] }), (a) => a.body?.live?.anomalies?.length > 0);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await api.call(`/cases/${caseNo}`, { token: t['watcher'] });
    expect(seen.body.live.anomalies).toHaveLength(1);
    expect(after.body.live.anomalies).toHaveLength(1);
  });
});
