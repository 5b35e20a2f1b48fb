import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('what clerks see of cases', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const list = (query: string, token = t['clerk']) => api.call(`/cases?${query}`, { token });
  const start = async (applicantName: string) => {
    const answer = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant: { name: applicantName }, data: form } });
    expect(answer.status).toBe(201);
    return answer.body.caseNo as string;
  };
  const accept = (caseNo: string) =>
    api.call(`/cases/${caseNo}/actions/accept`, { token: t['clerk'], body: {}, headers: { 'idempotency-key': randomUUID() } });
  let accepted: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'window', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'other', roles: ['clerk'], department: 'market', positions: ['acceptor', 'undertaker'] },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
    accepted = await start('西溪湿地酒店');
    expect((await accept(accepted)).status).toBe(200);
    // The list reads the read model, which follows the workflow by a moment.
    await eventually(() => list('limit=200'), (a) => a.body.items?.find((c: { caseNo: string }) => c.caseNo === accepted)?.status === 'processing');
  });
  afterAll(() => api?.stop());

  it("gives a clerk of the case's department the graph its version runs on, without the definitions endpoints", async () => {
    const detail = await eventually(
      () => api.call(`/cases/${accepted}`, { token: t['window'] }),
      (a) => a.body.timeline?.some((e: { nodeId: string | null }) => e.nodeId === 'undertake'),
    );
    expect(detail.status).toBe(200);
    const graph = detail.body.graph;
    expect(graph).toMatchObject({ itemCode, version: 1, promisedDays: 10 });
    expect(graph.nodes).toHaveLength(licence.nodes.length);
    expect(graph.nodes).toContainEqual(expect.objectContaining({ id: 'undertake', kind: 'task', name: '承办(材料审查)', stage: 'undertake', department: 'health-commission' }));
    expect(graph.edges.map((e: { id: string }) => e.id)).toEqual(licence.edges.map((e) => e.id));
    expect(graph.layout.positions.accept).toEqual({ x: 180, y: 120 });
    expect(graph).not.toHaveProperty('item');
    // Where it stands is in the same answer, so the graph can show it.
    expect(detail.body.case.position.map((p: { nodeId: string }) => p.nodeId)).toEqual(['undertake']);
    expect(detail.body.timeline.filter((e: { nodeId: string | null }) => e.nodeId).map((e: { nodeId: string }) => e.nodeId)).toEqual(expect.arrayContaining(['accept', 'undertake']));

    expect((await api.call(`/definitions/${itemCode}/versions/1`, { token: t['window'] })).status).toBe(403);
    expect((await api.call(`/cases/${accepted}`, { token: t['other'] })).status).toBe(404);
    expect((await api.call(`/cases/${accepted}`, { token: t['supervisor'] })).body.graph.version).toBe(1);
  });
});
