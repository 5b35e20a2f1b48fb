import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const parallel = definitionFixtures['parallel-approval'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };


const numbers = (a: Answer) => (a.body.items as { caseNo: string }[]).map((c) => c.caseNo);

describe('what clerks see of cases: the process graph, search and their tasks', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let admin: string;
  const list = (query: string, token = t['clerk']) => api.call(`/cases?${query}`, { token });
  const start = async (applicantName: string) => {
    const answer = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant: { name: applicantName }, data: form } });
    expect(answer.status).toBe(201);
    return answer.body.caseNo as string;
  };
  const accept = (caseNo: string) =>
    api.call(`/cases/${caseNo}/actions/accept`, { token: t['clerk'], body: {}, headers: { 'idempotency-key': randomUUID() } });
  let hotel: string;
  let group: string;
  let accepted: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'window', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'other', roles: ['clerk'], department: 'market', positions: ['acceptor', 'undertaker'] },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
    hotel = await start('杭州西湖宾馆有限公司');
    group = await start('A.B*C (Group) 有限公司');
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

  it('searches by any part of a case number and by applicant, item name or code in any case', async () => {
    expect(numbers(await list(`q=${hotel}`))).toEqual([hotel]);
    const sameDay = numbers(await list(`q=${hotel.slice(0, 10)}`));
    expect(sameDay).toEqual(expect.arrayContaining([hotel, group, accepted]));
    expect(numbers(await list(`q=${hotel.slice(0, 10).toLowerCase()}`))).toEqual(sameDay);
    // A number matches by any part of it, not only from its start.
    expect(numbers(await list(`q=${hotel.slice(4)}`))).toEqual([hotel]);
    expect(numbers(await list(`q=${encodeURIComponent('(group)')}`))).toEqual([group]);
    expect(numbers(await list(`q=${encodeURIComponent('西湖宾馆')}`))).toEqual([hotel]);
    expect(numbers(await list(`q=${encodeURIComponent('卫生许可')}`))).toHaveLength(3);
    expect(numbers(await list(`q=xk-wj`))).toHaveLength(3);
    expect(numbers(await list(`q=${encodeURIComponent('酒店')}&status=processing`))).toEqual([accepted]);
    expect((await list('q=', t['clerk'])).status).toBe(400);
    expect((await list(`q=${'x'.repeat(101)}`)).status).toBe(400);
    expect(numbers(await list(`q=${encodeURIComponent('宾馆')}`, t['other']))).toEqual([]);
  });

  it('takes regular-expression metacharacters in a search literally', async () => {
    expect(numbers(await list(`q=${encodeURIComponent('B*C')}`))).toEqual([group]);
    expect(numbers(await list(`q=${encodeURIComponent('A.B*C (G')}`))).toEqual([group]);
    for (const q of ['.*', '.', '^', '$', '[', '(', ')', '\\', '*', '+?', '|', '{2}', 'A.B*C (Group']) {
      const answer = await list(`q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(200);
      expect(numbers(answer), q).toEqual(q.startsWith('A.B*C') || q === '.' || q === '*' || q === '(' || q === ')' ? [group] : []);
    }
  });

  it('pages through a search with the cursor', async () => {
    const all = numbers(await list(`q=${encodeURIComponent('有限公司')}`));
    expect(all).toEqual([group, hotel]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await list(`q=${encodeURIComponent('有限公司')}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...numbers(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("lists as mine the open cases at a step of the caller's department and positions", async () => {
    expect(numbers(await list('mine=true', t['window'])).sort()).toEqual([hotel, group].sort());
    expect(numbers(await list('mine=true', t['clerk'])).sort()).toEqual([hotel, group, accepted].sort());
    expect(numbers(await list('mine=true', t['other']))).toEqual([]);
    expect(numbers(await list('mine=false', t['window'])).sort()).toEqual([hotel, group, accepted].sort());
    expect(numbers(await list(`mine=true&q=${encodeURIComponent('有限公司')}&limit=1`, t['window']))).toEqual([group]);
    expect(numbers(await list('mine=true', t['supervisor']))).toEqual([]);
    const bad = await list('mine=perhaps');
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.[0]?.pointer).toBe('/mine');
  });
  it('does not take a step of the department and a step of the position in a parallel region for a task', async () => {
    const code = parallel.item.code;
    await api.holders(admin, parallel);
    await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: parallel } });
    expect((await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    const people = await api.people(admin, [
      { username: 'window-hc', roles: ['clerk'], department: 'housing-construction', positions: ['acceptor'] },
      { username: 'fire-undertaker', roles: ['clerk'], department: 'fire-rescue', positions: ['undertaker'] },
      { username: 'fire-reviewer', roles: ['clerk'], department: 'fire-rescue', positions: ['reviewer'] },
    ]);
    const started = await api.call('/cases', {
      token: people['window-hc'], body: { itemCode: code, applicant: { name: '某建设单位' }, data: { projectName: '某工程', builder: '某建设单位', contractPrice: 500, floorArea: 3000 } },
    });
    expect(started.status).toBe(201);
    const caseNo = started.body.caseNo as string;
    const accepted = await api.call(`/cases/${caseNo}/actions/accept`, { token: people['window-hc'], body: {}, headers: { 'idempotency-key': randomUUID() } });
    expect(accepted.body.position.sort()).toEqual(['air-defence', 'fire-check', 'quality-safety']);
    // Fire rescue's step is an undertaker's; the reviewer's step is civil air defence's.
    const undertaker = await eventually(() => list('mine=true', people['fire-undertaker']), (a) => numbers(a).includes(caseNo));
    expect(numbers(undertaker)).toEqual([caseNo]);
    const reviewer = await list('mine=true', people['fire-reviewer']);
    expect(reviewer.status).toBe(200);
    expect(numbers(reviewer)).toEqual([]);
    expect(numbers(await list('limit=200', people['fire-reviewer']))).toEqual([caseNo]);
  });
});
