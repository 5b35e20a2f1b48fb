import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { startClock } from '../../domain/clock/transitions';
import { validateDefinition } from '../../domain/definition/validate';
import { verifyStoredLog } from '../../api/supervision-log/service';
import { logIntentModel } from '../../db/models/log-intent';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { CASE_WORKFLOW_NAME, type CaseStartInput } from '../../workflows/case/contract';
import { FLOW_LOCK } from '../../workflows/case/rules';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, problem } from './harness';

const definition = validateDefinition(definitionFixtures['sequential-licence']).definition!;

describe('flow locking (流程锁定) over HTTP', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const caseNo = `LOCK-${Date.now().toString(36)}`;
  const complete = (key: string) => api.call(`/cases/${caseNo}/actions/complete-step`, {
    token: t['lock-clerk'], body: { action: 'complete' }, headers: { 'idempotency-key': key },
  });
  const unlock = (token: string | undefined, reason: string, key?: string) => api.call(`/cases/${caseNo}/unlock`, {
    token, body: { reason }, ...(key && { headers: { 'idempotency-key': key } }),
  });
  const records = () => supervisionLogModel(api.db).find({ targetKind: 'case', targetId: caseNo, action: 'case.unlock' }).lean();

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    t = await api.people(admin, [
      { username: 'lock-clerk', roles: ['clerk'], department: 'health-commission', positions: ['undertaker'] },
      { username: 'lock-officer', roles: ['department-officer'], department: 'health-commission' },
      { username: 'lock-supervisor', roles: ['supervisor'] },
    ]);
    // A case at its undertaking step whose red card has locked the flow, as a run carries it on.
    const now = Date.now();
    const input: CaseStartInput = {
      caseNo, mode: 'native', definitionRef: { id: definition.item.code, version: 1 }, definition, calendar: defaultCalendar(),
      applicant: { name: '锁定测试' }, data: {}, submittedAt: now,
      carried: {
        acceptedAt: now, supplementNoticeResolvedAt: now, processing: startClock(now), rules: [FLOW_LOCK],
        tokens: [{ nodeId: 'undertake', stepKey: 'undertake#1', startedAt: now }], visits: { accept: 1, undertake: 1 },
        steps: [{ key: 'undertake#1', nodeId: 'undertake', startedAt: now, limitDays: 3 }],
        lock: { since: now, card: 'redCard' },
      },
    };
    await api.temporal.workflow.start(CASE_WORKFLOW_NAME, { taskQueue: api.taskQueue, workflowId: caseWorkflowId(caseNo), args: [input] });
  }, 120_000);
  afterAll(() => api?.stop());

  it('refuses clerk actions on a locked flow with CASE_LOCKED', async () => {
    const refused = await complete('lock-complete-1');
    expect(refused.status).toBe(409);
    expect(problem(refused).code).toBe('CASE_LOCKED');
    const view = await api.call(`/cases/${caseNo}`, { token: t['lock-clerk'] });
    expect(view.body.live.lock).toMatchObject({ locked: true, card: 'redCard' });
  });

  it('lets only a supervisor unlock, with a reason', async () => {
    expect((await unlock(t['lock-clerk'], '自行解锁')).status).toBe(403);
    expect((await unlock(t['lock-officer'], '部门解锁')).status).toBe(403);
    expect((await unlock(undefined, '匿名')).status).toBe(401);
    const empty = await unlock(t['lock-supervisor'], '');
    expect(empty.status).toBe(400);
    expect(problem(empty).errors?.[0]?.pointer).toBe('/reason');
    const blank = await unlock(t['lock-supervisor'], '   ');
    expect(blank.status).toBe(422);
    expect(problem(blank).code).toBe('INVALID_ARGUMENT');
    expect(await records()).toHaveLength(0);
    expect(await logIntentModel(api.db).countDocuments({ action: 'case.unlock' })).toBe(0);
  });

  it('unlocks once under a key, logs it once in the chain, and the clerk acts again', async () => {
    const first = await unlock(t['lock-supervisor'], '已核实延误原因,责成当日办结', 'unlock-0001');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ caseNo, status: 'processing' });
    const again = await unlock(t['lock-supervisor'], '已核实延误原因,责成当日办结', 'unlock-0001');
    expect(again.body).toEqual(first.body);
    const [record, ...more] = await records();
    expect(more).toHaveLength(0);
    expect(JSON.parse(record?.content ?? '{}')).toMatchObject({ action: 'case.unlock', details: { reason: '已核实延误原因,责成当日办结' } });
    expect((await verifyStoredLog(api.db)).valid).toBe(true);

    const twice = await unlock(t['lock-supervisor'], '再次解锁', 'unlock-0002');
    expect(twice.status).toBe(409);
    expect(problem(twice).code).toBe('NOT_LOCKED');
    expect(await records()).toHaveLength(1);

    const view = await api.call(`/cases/${caseNo}`, { token: t['lock-supervisor'] });
    expect(view.body.live.lock).toMatchObject({ locked: false, unlocked: { reason: '已核实延误原因,责成当日办结' } });
    const done = await complete('lock-complete-2');
    expect(done.status).toBe(200);
    expect(done.body.position).toEqual(['review']);
    const timeline = await eventually(() => api.call(`/cases/${caseNo}`, { token: t['lock-supervisor'] }),
      (a) => a.body.timeline?.some((e: { type: string }) => e.type === 'unlocked'));
    expect(timeline.body.timeline.find((e: { type: string }) => e.type === 'unlocked')).toMatchObject({ payload: { reason: '已核实延误原因,责成当日办结' } });
  });
});
