import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import * as c from '../../workflows/case/contract';
import { actOn, caseInput, clerk, connectDb, fixtureDefinition, key } from './harness';

const dept = 'water-resources';
const acceptor = clerk('acceptor', dept);
const undertaker = clerk('undertaker', dept);

/** Runs an update expecting a refusal; returns its code. */
async function refused(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return c.refusalOf(error)?.code;
  }
  return 'accepted';
}

describe('validators refuse what is not allowed now, with a stable code (dev server)', () => {
  let connection: Connection;
  let native: NativeConnection;
  let db: mongoose.Connection;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  const taskQueue = `validators-${randomUUID()}`;
  beforeAll(async () => {
    [connection, native, db] = await Promise.all([
      Connection.connect({ address: inject('temporalAddress') }), NativeConnection.connect({ address: inject('temporalAddress') }), connectDb(),
    ]);
    client = new Client({ connection });
    worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({ db, logger: pino({ level: 'silent' }) }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([connection?.close(), native?.close(), db?.close()]);
  });

  async function start(overrides: Partial<c.CaseStartInput> = {}) {
    const input = caseInput(fixtureDefinition('special-procedure'), Date.now(), overrides);
    return client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
  }

  it('refuses by rights, position and state, and records nothing for a refusal', async () => {
    const h = await start();
    const act = actOn(h);
    const u = <A extends c.ActionBase>(def: UpdateDefinition<c.ActionResult, [A]>, args: Omit<A, 'idempotencyKey'> & { idempotencyKey?: string }) =>
      refused(() => act(def, args));
    expect(await u(c.acceptUpdate, { idempotencyKey: '', actor: acceptor })).toBe('INVALID_ARGUMENT');
    expect(await u(c.acceptUpdate, { actor: undertaker })).toBe('ROLE_NOT_ALLOWED');
    expect(await u(c.acceptUpdate, { actor: clerk('acceptor', 'health-commission') })).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await u(c.suspendUpdate, { actor: acceptor, reason: 'x' })).toBe('NOT_ACCEPTED');
    expect(await u(c.supplementReceivedUpdate, { actor: acceptor })).toBe('NO_SUPPLEMENT_PENDING');
    expect(await u(c.completeStepUpdate, { actor: undertaker, nodeId: 'undertake', action: 'complete' })).toBe('STEP_NOT_ACTIVE');
    expect(await u(c.concludeUpdate, { actor: acceptor })).toBe('STEP_NOT_ACTIVE');
    const updatesInHistory = (await h.fetchHistory()).events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(updatesInHistory).toHaveLength(0);

    expect(await u(c.acceptUpdate, { actor: acceptor })).toBe('accepted');
    const attributes = (await h.describe()).searchAttributes;
    expect(attributes).toMatchObject({ SunlightStatus: ['processing'], SunlightAlertLevel: ['normal'], SunlightDepartment: [dept] });
    expect(attributes['SunlightDeadline']).toHaveLength(1);
    expect(await u(c.acceptUpdate, { actor: acceptor })).toBe('NOT_AT_ACCEPTANCE');
    expect(await u(c.completeStepUpdate, { actor: undertaker, action: 'approve' })).toBe('ACTION_NOT_ALLOWED');
    expect(await u(c.startSpecialProcedureUpdate, { actor: undertaker, kind: 'hearing', reason: 'x' })).toBe('SPECIAL_PROCEDURE_NOT_ALLOWED');
    expect(await u(c.endSpecialProcedureUpdate, { actor: undertaker })).toBe('NO_SPECIAL_PROCEDURE');
    expect(await u(c.resumeUpdate, { actor: undertaker })).toBe('NOT_SUSPENDED');
    expect(await u(c.supplementNoticeUpdate, { actor: undertaker, materials: [] })).toBe('INVALID_ARGUMENT');
    expect(await u(c.supplementNoticeUpdate, { actor: undertaker, materials: ['图纸'] })).toBe('accepted');
    expect(await u(c.completeStepUpdate, { actor: undertaker, action: 'complete' })).toBe('SUPPLEMENT_PENDING');
    expect(await u(c.supplementReceivedUpdate, { actor: undertaker })).toBe('accepted');
    expect(await u(c.suspendUpdate, { actor: undertaker, reason: 'x' })).toBe('accepted');
    expect(await u(c.completeStepUpdate, { actor: undertaker, action: 'complete' })).toBe('CASE_SUSPENDED');
    expect(await u(c.resumeUpdate, { actor: undertaker })).toBe('accepted');
    expect(await u(c.completeStepUpdate, { actor: undertaker, action: 'complete' })).toBe('accepted');
    expect(await u(c.completeStepUpdate, { actor: clerk('reviewer', dept), nodeId: 'review', action: 'return' })).toBe('STEP_NOT_ACTIVE');
    expect(await u(c.terminateUpdate, { actor: undertaker, reason: 'withdrawn' })).toBe('accepted');
    expect(await u(c.resumeUpdate, { actor: undertaker })).toBe('CASE_CONCLUDED');
  });

  it('answers a repeated key with the first result and refuses the key for other arguments', async () => {
    const h = await start();
    const k = key();
    const first = await h.executeUpdate(c.acceptUpdate, { args: [{ idempotencyKey: k, actor: acceptor }] });
    const again = await h.executeUpdate(c.acceptUpdate, { args: [{ idempotencyKey: k, actor: acceptor }] });
    expect(again).toEqual(first);
    expect(await refused(() => h.executeUpdate(c.acceptUpdate, { args: [{ idempotencyKey: k, actor: acceptor, feeCharged: 5 }] }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await refused(() => h.executeUpdate(c.suspendUpdate, { args: [{ idempotencyKey: k, actor: undertaker, reason: 'x' }] }))).toBe('IDEMPOTENCY_KEY_REUSED');
    const view = await h.query(c.caseStateQuery);
    expect(view.history.filter((e) => e.type === 'accepted')).toHaveLength(1);
    await h.signal(c.calendarChangedSignal, { calendar: { ...defaultCalendar(), utcOffsetMinutes: 9999 }, reason: 'broken' });
    await expect.poll(async () => (await h.query(c.caseStateQuery)).history.at(-1)?.type).toBe('calendarRejected');
    expect((await h.query(c.caseStateQuery)).deadline).toBe(view.deadline);
    await h.terminate();
  });

  it('refuses clerk actions on a tracked case and takes its events by signalWithStart', async () => {
    const input = caseInput(fixtureDefinition('special-procedure'), Date.now() - 60_000, { mode: 'tracked' });
    const h = await client.workflow.signalWithStart(c.CASE_WORKFLOW_NAME, {
      taskQueue, workflowId: `case-${input.caseNo}`, args: [input],
      signal: c.externalEventSignal, signalArgs: [{ eventId: 'e1', sequence: 1, type: 'accepted', occurredAt: Date.now() - 30_000 }],
    });
    expect(await refused(() => h.executeUpdate(c.completeStepUpdate, { args: [{ idempotencyKey: key(), actor: undertaker, action: 'complete' }] }))).toBe('TRACKED_CASE');
    await h.signal(c.externalEventSignal, { eventId: 'e1', sequence: 1, type: 'accepted', occurredAt: Date.now() - 30_000 });
    const view = await h.query(c.caseStateQuery);
    expect(view).toMatchObject({ status: 'processing', anomalies: [] });
    expect(view.position.map((p) => p.nodeId)).toEqual(['undertake']);
    await h.terminate();
  });
});
