import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { startClock } from '../../domain/clock/transitions';
import { validateDefinition } from '../../domain/definition/validate';
import { alertModel } from '../../db/models/alert';
import { caseFactModel } from '../../db/models/case-fact';
import { CASE_WORKFLOW_NAME, type CaseStartInput } from '../../workflows/case/contract';
import { CLAIM } from '../../workflows/case/rules';
import type { Token } from '../../workflows/case/state';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, problem } from './harness';

const definition = validateDefinition(definitionFixtures['sequential-licence']).definition!;
const DAY = 86_400_000;

describe('claim (签收) of a step: the holder of its lateness is the clerk who took it', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let clerkA = '';
  const suffix = Date.now().toString(36);
  const [open, old, late] = ['CLM', 'OLD', 'LATE'].map((p) => `${p}-${suffix}`) as [string, string, string];
  let keys = 0;
  const act = (caseNo: string, token: string | undefined, action: 'claim' | 'release' | 'complete-step', body: object = { nodeId: 'undertake' }) =>
    api.call(`/cases/${caseNo}/actions/${action}`, { token, body, headers: { 'idempotency-key': `claim-test-${keys++}` } });

  /** A case at its undertaking step, accepted `acceptedAgo` ms ago, as a run carries it on. */
  const start = async (caseNo: string, rules: string[], acceptedAgo: number, token: Partial<Token> = {}) => {
    const now = Date.now();
    const accepted = now - acceptedAgo;
    const startedAt = token.startedAt ?? now;
    const input: CaseStartInput = {
      caseNo, mode: 'native', definitionRef: { id: definition.item.code, version: 1 }, definition, calendar: defaultCalendar(),
      applicant: { name: '签收测试' }, data: {}, submittedAt: accepted,
      carried: {
        acceptedAt: accepted, supplementNoticeResolvedAt: accepted, processing: startClock(accepted), rules,
        tokens: [{ nodeId: 'undertake', stepKey: 'undertake#1', ...token, startedAt }], visits: { accept: 1, undertake: 1 },
        steps: [{ key: 'undertake#1', nodeId: 'undertake', startedAt, limitDays: 3 }],
      },
    };
    await api.temporal.workflow.start(CASE_WORKFLOW_NAME, { taskQueue: api.taskQueue, workflowId: caseWorkflowId(caseNo), args: [input] });
    // The case is readable once its read model is written.
    await eventually(() => api.call(`/cases/${caseNo}`, { token: t['claim-a'] }), (a) => a.status === 200);
  };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    t = await api.people(admin, [
      { username: 'claim-a', roles: ['clerk'], department: 'health-commission', positions: ['undertaker'] },
      { username: 'claim-b', roles: ['clerk'], department: 'health-commission', positions: ['undertaker'] },
      { username: 'claim-reviewer', roles: ['clerk'], department: 'health-commission', positions: ['reviewer'] },
      { username: 'claim-elsewhere', roles: ['clerk'], department: 'water', positions: ['undertaker'] },
      { username: 'claim-inspector', roles: ['supervisor'] },
    ]);
    clerkA = (await api.call('/auth/me', { token: t['claim-a'] })).body.userId;
    await start(open, [CLAIM], 0);
    await start(old, [], 0);
    // Accepted 40 days ago; its undertaking step, claimed by claim-a, went overdue before the yellow card fell.
    await start(late, [CLAIM], 40 * DAY, { startedAt: Date.now() - 39 * DAY, claim: { userId: clerkA, at: Date.now() - 38 * DAY } });
  }, 120_000);
  afterAll(() => api?.stop());

  it('lets a clerk holding the step claim it once; the case shows who holds it and since when', async () => {
    const claimed = await act(open, t['claim-a'], 'claim');
    expect(claimed.status).toBe(200);
    expect((await act(open, t['claim-a'], 'claim')).status).toBe(200);
    const detail = (await api.call(`/cases/${open}`, { token: t['claim-b'] })).body;
    expect(detail.live.position[0].claim).toMatchObject({ userId: clerkA, name: 'claim-a', at: expect.any(String) });
    const claims = detail.timeline.filter((e: { type: string }) => e.type === 'stepClaimed');
    expect(claims).toEqual([expect.objectContaining({ nodeId: 'undertake', actorName: 'claim-a' })]);
  });

  it('refuses a claim by another clerk while it stands, outside the position or the department, and on an old case', async () => {
    const taken = await act(open, t['claim-b'], 'claim');
    expect(taken.status).toBe(409);
    expect(problem(taken).code).toBe('STEP_CLAIMED');
    const role = await act(open, t['claim-reviewer'], 'claim');
    expect(role.status).toBe(403);
    expect(problem(role).code).toBe('ROLE_NOT_ALLOWED');
    expect((await act(open, t['claim-elsewhere'], 'claim')).status).toBe(404);
    const unknown = await act(open, t['claim-a'], 'claim', { nodeId: 'no-such-step' });
    expect(unknown.status).toBe(409);
    expect(problem(unknown).code).toBe('STEP_NOT_ACTIVE');
    const before = await act(old, t['claim-a'], 'claim');
    expect(before.status).toBe(409);
    expect(problem(before).code).toBe('CLAIM_NOT_AVAILABLE');
  });

  it('lets only the clerk who claimed release it; then another may claim, and a completed step cannot be claimed', async () => {
    const notMine = await act(open, t['claim-b'], 'release');
    expect(notMine.status).toBe(409);
    expect(problem(notMine).code).toBe('NOT_CLAIMED');
    expect((await act(open, t['claim-a'], 'release')).status).toBe(200);
    expect((await act(open, t['claim-b'], 'claim')).status).toBe(200);
    expect((await act(open, t['claim-b'], 'complete-step', { action: 'complete' })).status).toBe(200);
    const done = await act(open, t['claim-a'], 'claim');
    expect(done.status).toBe(409);
    expect(problem(done).code).toBe('STEP_NOT_ACTIVE');
    const detail = (await api.call(`/cases/${open}`, { token: t['claim-a'] })).body;
    expect(detail.live.position).toEqual([expect.objectContaining({ nodeId: 'review' })]);
    expect(detail.live.position[0].claim).toBeUndefined();
  });

  it('charges the step overdue and the cards it caused to the clerk who had claimed it, since the claim', async () => {
    const facts = await eventually(
      () => caseFactModel(api.db).find({ caseNo: late }).lean(),
      (found) => ['stepsOverdue', 'yellowCards', 'redCards'].every((c) => found.some((f) => f.counter === c)),
    );
    for (const counter of ['stepsOverdue', 'yellowCards', 'redCards']) {
      const fact = facts.find((f) => f.counter === counter);
      expect(fact?.holder).toMatchObject({ nodeId: 'undertake', department: 'health-commission', position: 'undertaker', userId: clerkA });
      expect(new Date(fact?.holder?.since ?? 0).getTime()).toBeLessThan(Date.now() - 37 * DAY);
    }
    // A warning is the case's, never a person's.
    expect(facts.find((f) => f.counter === 'warnings')?.holder ?? null).toBeNull();
  });

  it("exposes and filters alerts by whether the case closed them (their cause ended)", async () => {
    const caseNo = `CLOSED-${suffix}`;
    const at = new Date();
    const alert = (key: string, closed: boolean) => ({
      _id: `${caseNo}:${key}`, caseNo, itemCode: 'x', department: 'health-commission', key, kind: 'stepOverdue', level: 'step', reason: key,
      thresholdAt: at, raisedAt: at, provisional: false, closed, closedAt: closed ? at : null,
    });
    await alertModel(api.db).insertMany([alert('stepOverdue:undertake#1', true), alert('stepOverdue:review#1', false)]);
    const list = (closed: string) => api.call(`/alerts?caseNo=${caseNo}&closed=${closed}`, { token: t['claim-inspector'] });
    const closed = await list('true');
    expect(closed.body.items).toEqual([expect.objectContaining({ key: 'stepOverdue:undertake#1', closed: true, closedAt: at.toISOString() })]);
    expect((await list('false')).body.items).toEqual([expect.objectContaining({ key: 'stepOverdue:review#1', closed: false, closedAt: null })]);
    const bad = await list('perhaps');
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.[0]).toMatchObject({ in: 'query', pointer: '/closed' });
  });
});
