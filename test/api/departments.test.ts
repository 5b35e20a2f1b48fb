import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, problem } from './harness';

const DAY = 86_400_000;

/** The sequential licence as an item of another department. */
function itemOf(code: string, department: string) {
  const text = JSON.stringify(definitionFixtures['sequential-licence']).replaceAll('"health-commission"', JSON.stringify(department));
  const definition = JSON.parse(text);
  definition.item.code = code;
  return definition;
}

describe('departments as a tree (分级管理): each level oversees its subtree', () => {
  let api: ApiHarness;
  let admin: string;
  let t: Record<string, string>;
  const caseNo = (local: string) => `tree-sys-${local}`;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    const departments = [
      { code: 'xz', name: '徐州市' },
      { code: 'xz-fx', name: '丰县', parent: 'xz' },
      { code: 'xz-pz', name: '沛县', parent: 'xz' },
      { code: 'xz-fx-health', name: '丰县卫生健康委员会', parent: 'xz-fx' },
      { code: 'xz-pz-health', name: '沛县卫生健康委员会', parent: 'xz-pz' },
    ];
    for (const body of departments) expect((await api.call('/departments', { token: admin, body })).status).toBe(201);
    const items = [['FX-ITEM', 'xz-fx-health'], ['PZ-ITEM', 'xz-pz-health'], ['CITY-ITEM', 'xz']] as const;
    for (const [code, department] of items) {
      await api.holders(admin, itemOf(code, department));
      await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: itemOf(code, department) } });
      expect((await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    }
    t = await api.people(admin, [
      { username: 'fx-supervisor', roles: ['supervisor'], department: 'xz-fx' },
      { username: 'fx-officer', roles: ['department-officer'], department: 'xz-fx-health' },
      { username: 'city-supervisor', roles: ['supervisor'] },
    ]);
    const system = await api.call('/external-systems', {
      token: admin, body: { systemId: 'tree-sys', name: '县区审批系统', departments: ['xz', 'xz-fx-health', 'xz-pz-health'] },
    });
    const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const events = items.flatMap(([itemCode], i) => [
      { eventId: `${itemCode}-1`, caseNo: itemCode, itemCode, type: 'submitted', occurredAt: at(40 + i), sequence: 1, applicant: { name: `申请人 ${i}` } },
      { eventId: `${itemCode}-2`, caseNo: itemCode, itemCode, type: 'accepted', occurredAt: at(39 + i), sequence: 2 },
    ]);
    const pushed = await api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': system.body.apiKey } });
    expect(pushed.body).toMatchObject({ accepted: 6 });
  });
  afterAll(() => api?.stop());

  const casesOf = async (token: string) => {
    const answer = await api.call('/cases?limit=50', { token });
    return (answer.body.items as { caseNo: string }[]).map((c) => c.caseNo).sort();
  };

  it('a county supervisor sees the county\'s cases, alerts, orders and statistics, never another county\'s', async () => {
    const all = await eventually(() => casesOf(t['city-supervisor']!), (list) => list.length === 3);
    expect(all).toEqual([caseNo('CITY-ITEM'), caseNo('FX-ITEM'), caseNo('PZ-ITEM')]);
    expect(await casesOf(t['fx-supervisor']!)).toEqual([caseNo('FX-ITEM')]);
    expect(await casesOf(t['fx-officer']!)).toEqual([caseNo('FX-ITEM')]);
    expect((await api.call(`/cases/${caseNo('PZ-ITEM')}`, { token: t['fx-supervisor'] })).status).toBe(404);
    expect((await api.call(`/cases/${caseNo('CITY-ITEM')}`, { token: t['fx-supervisor'] })).status).toBe(404);
    expect((await api.call(`/cases/${caseNo('FX-ITEM')}`, { token: t['fx-supervisor'] })).status).toBe(200);

    const alerts = await eventually(
      () => api.call('/alerts?limit=100', { token: t['city-supervisor'] }),
      (a) => new Set(a.body.items.map((x: { department: string }) => x.department)).size === 3,
      // Three cases 39–41 days late raise their whole ladders at once; with the suite running beside them that takes a while.
      40_000,
    );
    const alerted = new Set(alerts.body.items.map((x: { department: string }) => x.department));
    if (alerted.size !== 3) {
      // Seen once under the suite's load: one case's alerts missing after 40 s. Say where each case stands.
      for (const code of ['CITY-ITEM', 'FX-ITEM', 'PZ-ITEM']) {
        const detail = await api.call(`/cases/${caseNo(code)}`, { token: t['city-supervisor'] });
        console.error(code, detail.status, JSON.stringify({
          case: detail.body?.case, alerts: detail.body?.live?.alerts, timeline: detail.body?.timeline?.map((e: { seq: number; type: string; at: string }) => [e.seq, e.type, e.at]),
        }));
      }
    }
    expect(alerted).toEqual(new Set(['xz', 'xz-fx-health', 'xz-pz-health']));
    const countyAlerts = await api.call('/alerts?limit=100', { token: t['fx-supervisor'] });
    expect(countyAlerts.body.items.length).toBeGreaterThan(0);
    expect(new Set(countyAlerts.body.items.map((x: { department: string }) => x.department))).toEqual(new Set(['xz-fx-health']));
    expect((await api.call('/alerts?department=xz-pz-health', { token: t['fx-supervisor'] })).body.items).toEqual([]);

    const order = await api.call('/supervision-orders', {
      token: t['city-supervisor'], body: { caseNo: caseNo('PZ-ITEM'), title: '督办', requirement: '请说明超期原因' },
    });
    expect(order.status).toBe(201);
    const orders = await eventually(() => api.call('/supervision-orders', { token: t['city-supervisor'] }), (a) => a.body.items.length === 1);
    expect(orders.body.items).toHaveLength(1);
    expect((await api.call('/supervision-orders', { token: t['fx-supervisor'] })).body.items).toHaveLength(0);
    expect((await api.call(`/supervision-orders/${order.body.orderId}`, { token: t['fx-supervisor'] })).status).toBe(404);

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
    const stats = await api.call(`/statistics?from=${from}&to=${today}&groupBy=department`, { token: t['fx-supervisor'] });
    expect(stats.status).toBe(200);
    expect(stats.body.rows.map((r: { department: string }) => r.department)).toEqual(['xz-fx-health']);
    expect((await api.call(`/statistics?from=${from}&to=${today}&department=xz-pz-health`, { token: t['fx-supervisor'] })).status).toBe(403);
    expect((await api.call('/export/feed', { token: t['fx-supervisor'] })).status).toBe(403);
    expect((await api.call('/export/feed', { token: t['city-supervisor'] })).status).toBe(200);
  });

  it('moving a department under the county shows its cases to the county at once; /auth/me names the scope', async () => {
    expect((await api.call('/auth/me', { token: t['fx-supervisor'] })).body.scope.sort()).toEqual(['xz-fx', 'xz-fx-health']);
    const moved = await api.call('/departments/xz-pz-health', { method: 'PATCH', token: admin, body: { parent: 'xz-fx' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ code: 'xz-pz-health', name: '沛县卫生健康委员会', parent: 'xz-fx' });
    expect(await casesOf(t['fx-supervisor']!)).toEqual([caseNo('FX-ITEM'), caseNo('PZ-ITEM')]);
    expect((await api.call('/departments/xz-pz-health', { method: 'PATCH', token: admin, body: { parent: 'xz-pz' } })).status).toBe(200);
    expect(await casesOf(t['fx-supervisor']!)).toEqual([caseNo('FX-ITEM')]);
    const log = await api.call('/supervision-log?action=department.update', { token: t['city-supervisor'] });
    expect(log.body.records.map((r: { details: { parent: string } }) => r.details.parent)).toEqual(['xz-pz', 'xz-fx']);
  });

  it('refuses a cycle, an unknown parent, a lone surrogate and a duplicate, naming the field, and changes nothing', async () => {
    const patch = (code: string, body: unknown) => api.call(`/departments/${code}`, { method: 'PATCH', token: admin, body });
    for (const parent of ['xz-fx-health', 'xz-fx', 'xz']) {
      const cycle = await patch('xz', { parent });
      expect(cycle.status).toBe(422);
      expect(cycle.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem(cycle).code).toBe('department-cycle');
      expect(problem(cycle).errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/parent' })]);
    }
    const unknownParent = await api.call('/departments', { token: admin, body: { code: 'xz-tsh', name: '铜山区', parent: 'nowhere' } });
    expect(unknownParent.status).toBe(422);
    expect(problem(unknownParent)).toMatchObject({ code: 'unknown-parent', errors: [{ in: 'body', pointer: '/parent' }] });
    expect((await patch('xz-fx', { parent: 'nowhere' })).status).toBe(422);
    expect((await patch('nowhere', { name: '无' })).status).toBe(404);
    expect((await patch('xz-fx', {})).status).toBe(400);

    const surrogate = await api.call('/departments', { token: admin, raw: '{"code":"xz-gl","name":"鼓楼\\ud800区","parent":"xz"}' });
    expect(surrogate.status).toBe(400);
    expect(problem(surrogate).errors?.[0]).toMatchObject({ in: 'body', pointer: '/name' });
    const duplicate = await api.call('/departments', { token: admin, body: { code: 'xz-fx', name: '丰县(重复)', parent: 'xz' } });
    expect(duplicate.status).toBe(409);
    expect(problem(duplicate).code).toBe('department-exists');

    const list = await api.call('/departments', { token: admin });
    expect(list.body.find((d: { code: string }) => d.code === 'xz')).toEqual({ code: 'xz', name: '徐州市', parent: null });
    expect(list.body.find((d: { code: string }) => d.code === 'xz-fx')).toEqual({ code: 'xz-fx', name: '丰县', parent: 'xz' });
    expect(list.body.map((d: { code: string }) => d.code)).not.toContain('xz-tsh');
    expect(list.body.map((d: { code: string }) => d.code)).not.toContain('xz-gl');
  });
});
