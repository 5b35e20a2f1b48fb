import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { parseServerTiming } from '../../api/http/timing';
import { ApiHarness, problem, type Answer } from './harness';

const licence = definitionFixtures['sequential-licence'];
const water = definitionFixtures['special-procedure'];
const hygieneForm = { applicantName: '某宾馆', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州', businessType: 'hotel' };
const waterForm = { applicantName: '某水厂', waterSource: 'surface', annualVolume: 120, purpose: '城镇供水' };

describe('every clerk action', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const act = async (caseNo: string, action: string, body: object = {}, token = t['health'] as string, key = randomUUID()): Promise<Answer> =>
    api.call(`/cases/${caseNo}/actions/${action}`, { token, body, headers: { 'idempotency-key': key } });
  const ok = async (caseNo: string, action: string, body: object = {}, token?: string) => {
    const answer = await act(caseNo, action, body, token);
    expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as { status: string; outcome: string | null; position: string[] };
  };
  const start = async (itemCode: string, data: object, token = t['health'] as string) => {
    const answer = await api.call('/cases', { token, body: { itemCode, applicant: { name: '申请人' }, data } });
    expect(answer.status).toBe(201);
    return answer.body.caseNo as string;
  };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    for (const definition of [licence, water]) {
      await api.holders(admin, definition);
      await api.call(`/definitions/${definition.item.code}/draft`, { method: 'PUT', token: admin, body: { definition } });
      await api.call(`/definitions/${definition.item.code}/publish`, { token: admin, body: { revision: 1 } });
    }
    const positions = ['acceptor', 'undertaker', 'reviewer', 'approver'];
    t = await api.people(admin, [
      { username: 'health', roles: ['clerk'], department: 'health-commission', positions },
      { username: 'water', roles: ['clerk'], department: 'water-resources', positions },
    ]);
  });
  afterAll(() => api?.stop());

  it('supplement notice and receipt, suspension, return, approval and conclusion', async () => {
    const caseNo = await start(licence.item.code, hygieneForm);
    expect((await ok(caseNo, 'supplement-notice', { materials: ['公共场所卫生检测报告'] })).status).toBe('awaiting-supplement');
    expect((await ok(caseNo, 'supplement-received')).status).toBe('submitted');
    expect((await ok(caseNo, 'accept', { comment: '材料齐全' })).position).toEqual(['undertake']);
    expect((await ok(caseNo, 'suspend', { reason: '申请人申请中止' })).status).toBe('suspended');
    expect((await act(caseNo, 'complete-step', { action: 'complete' })).status).toBe(409);
    expect((await ok(caseNo, 'resume')).status).toBe('processing');
    expect((await ok(caseNo, 'complete-step', { nodeId: 'undertake', action: 'complete' })).position).toEqual(['review']);
    expect((await ok(caseNo, 'complete-step', { action: 'return', returnTo: 'undertake' })).position).toEqual(['undertake']);
    await ok(caseNo, 'complete-step', { action: 'complete' });
    await ok(caseNo, 'complete-step', { action: 'complete' });
    expect((await ok(caseNo, 'complete-step', { action: 'approve' })).position).toEqual(['conclude']);
    const concluded = await ok(caseNo, 'conclude', { feeCharged: 0 });
    expect(concluded).toMatchObject({ status: 'concluded', outcome: 'approved' });
    const after = await act(caseNo, 'resume');
    expect(after.status).toBe(409);
    expect(problem(after).code).toBe('CASE_CONCLUDED');
  });

  it('refusal at acceptance and termination', async () => {
    const refused = await start(licence.item.code, hygieneForm);
    expect(await ok(refused, 'refuse', { reason: '不属于本机关职权范围' })).toMatchObject({ status: 'concluded', outcome: 'refused' });
    const terminated = await start(licence.item.code, hygieneForm);
    await ok(terminated, 'accept');
    expect(await ok(terminated, 'terminate', { reason: '申请人撤回申请' })).toMatchObject({ status: 'concluded', outcome: 'terminated' });
    expect((await act(terminated, 'refuse', {})).status).toBe(400);
  });

  it('a special procedure started and ended during a step', async () => {
    const caseNo = await start(water.item.code, waterForm, t['water']);
    await ok(caseNo, 'accept', {}, t['water']);
    expect((await ok(caseNo, 'start-special-procedure', { kind: 'site-inspection', reason: '现场勘查取水口' }, t['water'])).status).toBe('special-procedure');
    expect((await ok(caseNo, 'end-special-procedure', {}, t['water'])).status).toBe('processing');
    const wrong = await act(caseNo, 'end-special-procedure', {}, t['water']);
    expect(wrong.status).toBe(409);
    expect(problem(wrong).code).toBe('NO_SPECIAL_PROCEDURE');
  });

  it('answers two concurrent requests with one key once', async () => {
    const caseNo = await start(licence.item.code, hygieneForm);
    const key = randomUUID();
    const [a, b] = await Promise.all([act(caseNo, 'accept', {}, t['health'], key), act(caseNo, 'accept', {}, t['health'], key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.eventSeq).toBe(b.body.eventSeq);
    const detail = await api.call(`/cases/${caseNo}`, { token: t['health'] });
    expect(detail.body.live.history.filter((h: { type: string }) => h.type === 'accepted')).toHaveLength(1);
  });

  it('says in Server-Timing where an action\'s time went, on an answer and on a refusal', async () => {
    const caseNo = await start(licence.item.code, hygieneForm);
    const accepted = await act(caseNo, 'accept');
    expect(accepted.status).toBe(200);
    const parts = parseServerTiming(accepted.headers.get('server-timing'));
    expect(Object.keys(parts).sort()).toEqual(['auth', 'case', 'total', 'update']);
    expect(parts.total).toBeGreaterThanOrEqual((parts.auth ?? 0) + (parts.case ?? 0) + (parts.update ?? 0) - 0.3); // each rounded to 0.1 ms
    const refusedAgain = await act(caseNo, 'accept');
    expect(refusedAgain.status).toBe(409);
    expect(Object.keys(parseServerTiming(refusedAgain.headers.get('server-timing'))).sort()).toEqual(['auth', 'case', 'total', 'update']);
    const unauthenticated = await act(caseNo, 'accept', {}, 'not-a-token');
    expect(unauthenticated.status).toBe(401);
    expect(Object.keys(parseServerTiming(unauthenticated.headers.get('server-timing')))).toEqual(['auth', 'total']);
  });
});
