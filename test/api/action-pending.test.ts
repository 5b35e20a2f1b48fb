import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { caseEventModel } from '../../db/models/case-event';
import { logIntentModel } from '../../db/models/log-intent';
import type { ApiContext } from '../../api/context';
import { asUnavailable } from '../../api/http/problem';
import { runWorkflowUpdate } from '../../api/http/workflow-update';
import { actLogged } from '../../api/supervision-log/intents';
import type { SupervisionLogAction } from '../../domain/records/supervision-log';
import { pingUpdate } from '../../bench/lib/baseline-workflows';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

/**
 * An action the case does not answer within the API's deadline (here the worker is stopped; at
 * a midnight of thousands of alerts, the case's task waits behind theirs) is answered 503
 * `action-pending`, and the same request under the same key carries it out once.
 */
describe('an action not answered in time', () => {
  let api: ApiHarness;
  let clerk: string;
  beforeAll(async () => {
    api = await ApiHarness.start({ temporalTimeoutMs: 1_500 });
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    clerk = (await api.people(admin, [{ username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] }]))['clerk'] as string;
  });
  afterAll(() => api?.stop());

  it('answers 503 action-pending with Retry-After; repeated under the same key, it is carried out once', async () => {
    const started = await api.call('/cases', { token: clerk, body: { itemCode, applicant: { name: form.applicantName, kind: 'organisation' }, data: form } });
    expect(started.status).toBe(201);
    const caseNo = started.body.caseNo as string;
    const act = (key: string) => api.call(`/cases/${caseNo}/actions/accept`, { token: clerk, body: {}, headers: { 'idempotency-key': key } });
    await eventually(async () => (await api.call(`/cases/${caseNo}`, { token: clerk })).status, (status) => status === 200);

    await api.pauseWorker();
    const key = randomUUID();
    const pending = await act(key);
    expect(pending.status).toBe(503);
    expect(pending.headers.get('content-type')).toMatch(/problem\+json/);
    expect(pending.headers.get('retry-after')).toBe('2');
    expect(problem(pending)).toMatchObject({ code: 'action-pending', title: 'Action pending' });
    expect(problem(pending).detail).toMatch(/same Idempotency-Key/);
    // Not carried out yet: the workflow has not taken it.
    const handle = api.temporal.workflow.getHandle(caseWorkflowId(caseNo));
    const accepted = async () => ((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    expect(await accepted()).toBe(0);
    expect((await act(key)).status).toBe(503);

    await api.resumeWorker();
    const answered = await eventually(() => act(key), (a) => a.status !== 503, 60_000);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ caseNo, idempotencyKey: key });
    // Once more under the key: the first result, nothing carried out again.
    const again = await act(key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(answered.body);
    expect(await accepted()).toBe(1);
    const events = await eventually(() => caseEventModel(api.db).find({ caseNo, type: 'accepted' }).lean(), (rows) => rows.length > 0, 30_000);
    expect(events).toHaveLength(1);
  }, 120_000);

  it('leaves a logged action\'s intent pending: the update may still be carried out, and its record must follow', async () => {
    // A workflow no worker polls: its update is never answered.
    const workflowId = `idle-${randomUUID()}`;
    await api.temporal.workflow.start('nobodyPolls', { taskQueue: `idle-${randomUUID()}`, workflowId });
    const ctx = { db: api.db, temporal: api.temporal, settings: { temporalTimeoutMs: 1_000 }, now: () => Date.now(), logger: { warn: () => undefined } } as unknown as ApiContext;
    const effect = {
      action: 'case.unlock' as SupervisionLogAction,
      apply: async (c: ApiContext, _args: object, intent: { id: string }) => ({
        result: await runWorkflowUpdate(c, { workflowId, update: pingUpdate, args: 1, updateId: intent.id, refusalOf: () => undefined, ended: () => { throw new Error('ended'); } }),
        log: false as const,
      }),
    };
    const key = randomUUID();
    const error = await actLogged(ctx, { caller: { userId: 'u-pending', username: 'pending', roles: ['supervisor'] } }, effect, { n: 1 }, key).catch((e: unknown) => e);
    // Answered 503 action-pending by the error handler…
    expect(asUnavailable(error)).toMatchObject({ status: 503, code: 'action-pending' });
    // …and not taken for a refusal: the intent stays, for the repeat or the sweeper to complete.
    expect(await logIntentModel(api.db).findById(`case.unlock:u-pending:${key}`).lean()).toMatchObject({ state: 'pending' });
  }, 60_000);
});
