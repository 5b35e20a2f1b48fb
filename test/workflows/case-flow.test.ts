import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertModel } from '../../db/models/alert';
import { caseModel } from '../../db/models/case';
import { inboxMessageModel } from '../../db/models/inbox-message';
import { caseEventModel } from '../../db/models/case-event';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import {
  acceptUpdate, caseStateQuery, claimUpdate, completeStepUpdate, concludeUpdate, releaseUpdate, terminateUpdate, urgeSignal, CASE_WORKFLOW_NAME,
  type CaseResult,
} from '../../workflows/case/contract';
import { ATTRIBUTES_AT_START, CURRENT_RULE_SET, ONE_OUTBOX_WAITER, OUTBOX_IN_MAIN_LOOP, RULE_SETS, TIMER_RECORDING_LOCAL } from '../../workflows/case/rules';
import { attributesAtStart } from '../../workflows/case/search-attributes';
import { WORKFLOW_STACK_FRAMES } from '../../workflows/shared/stack-depth';
import { actOn, caseInput, caseWorker, clerk, fixtureDefinition, key, startCaseWorkerStack, type CaseWorkerStack } from './harness';

const dept = 'health-commission';

describe('case workflow on the time-skipping server', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, db, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  it('runs the happy path of a sequential licence and records it', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput(definition, await env.currentTimeMs());
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await handle.executeUpdate(acceptUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept) }] });
    for (const [role, action] of [['undertaker', 'complete'], ['reviewer', 'complete'], ['approver', 'approve']] as const) {
      await handle.executeUpdate(completeStepUpdate, { args: [{ idempotencyKey: key(), actor: clerk(role, dept), action }] });
    }
    const view = await handle.query(caseStateQuery);
    expect(view.position.map((p) => p.nodeId)).toEqual(['conclude']);
    await handle.executeUpdate(concludeUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept), feeCharged: 0 }] });
    const result = (await handle.result()) as CaseResult;
    expect(result).toMatchObject({ outcome: 'approved', onTime: true, alertLevel: 'normal' });
    const model = await caseModel(db).findById(input.caseNo).lean();
    expect(model).toMatchObject({ status: 'concluded', outcome: 'approved', onTime: true });
    const events = await caseEventModel(db).find({ caseNo: input.caseNo }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('concluded');
  });

  it('schedules no delivery activity for alerts when no channel besides the inbox is configured', async () => {
    const definition = fixtureDefinition('sequential-licence');
    // Submitted ten days ago and never answered: the overdue alerts are raised on the first run.
    const input = caseInput(definition, (await env.currentTimeMs()) - 10 * 86_400_000);
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await expect.poll(async () => alertModel(db).countDocuments({ caseNo: input.caseNo })).toBeGreaterThan(0);
    const act = actOn(handle);
    await act(acceptUpdate, { actor: clerk('acceptor', dept) });
    await act(terminateUpdate, { actor: clerk('undertaker', dept), reason: '撤回' });
    await handle.result();
    // The alerts reached the inbox with their recording; nothing else was to be sent.
    expect(await inboxMessageModel(db).countDocuments({ caseNo: input.caseNo })).toBeGreaterThan(0);
    const activities = scheduled(await handle.fetchHistory());
    expect(activities).toMatchObject({ deliverNotifications: 0 });
    expect(activities.recordCaseEvents).toBeGreaterThan(0);
  });

  it("records a timer's alerts by a local activity (one workflow task a timer) and a person's action by an activity", async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput(definition, await env.currentTimeMs());
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await actOn(handle)(acceptUpdate, { actor: clerk('acceptor', dept) });
    await env.sleep(40 * 86_400_000);
    const view = await handle.query(caseStateQuery);
    expect(view.alerts.map((a) => a.key)).toEqual(expect.arrayContaining(['warning', 'yellowCard', 'redCard']));
    await expect.poll(async () => alertModel(db).countDocuments({ caseNo: input.caseNo })).toBe(view.alerts.length);
    expect(await inboxMessageModel(db).countDocuments({ caseNo: input.caseNo })).toBeGreaterThan(0);
    await handle.terminate();

    const events = (await handle.fetchHistory()).events ?? [];
    const fired = events.flatMap((e, i) => (e.timerFiredEventAttributes ? [i] : []));
    expect(fired.length).toBeGreaterThanOrEqual(3);
    // The submission and the acceptance, before any timer: activities.
    const recordings = events.flatMap((e, i) => (e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseEvents' ? [i] : []));
    expect(recordings.length).toBeGreaterThanOrEqual(2);
    expect(recordings.every((i) => i < (fired[0] ?? 0))).toBe(true);
    // Each timer: one workflow task, whose completion carries the recording's marker.
    const markers = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(markers.length).toBe(fired.length);
    for (const [n, at] of fired.entries()) {
      const upTo = fired[n + 1] ?? events.findIndex((e) => e.workflowExecutionTerminatedEventAttributes);
      const between = events.slice(at, upTo);
      expect(between.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      expect(between.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toBe(true);
    }
    const patches = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch').map((e) =>
      Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((p) => p.payloads ?? []).map((p) => Buffer.from(p.data ?? []).toString()).join(' '));
    // The way of recording came with the case's set of rules, adopted under one marker at its
    // start: no timer's workflow task writes a marker, nor the search attribute upsert the SDK
    // adds to each marker.
    expect(RULE_SETS[0]?.rules).toContain(TIMER_RECORDING_LOCAL);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toContain(RULE_SETS[0]?.id);
    const versionUpserts = events.filter((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).includes('TemporalChangeVersion'));
    expect(versionUpserts).toHaveLength(1);
  });

  it('adopts the set of rules its input names, with no marker, and upserts no attribute it was started with', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = { ...caseInput(definition, await env.currentTimeMs()), ruleSet: CURRENT_RULE_SET };
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, {
      taskQueue, workflowId: `case-${input.caseNo}`, args: [input], typedSearchAttributes: attributesAtStart(input.caseNo, definition),
    });
    await actOn(handle)(acceptUpdate, { actor: clerk('acceptor', dept) });
    // Through its alert ladder (a timer's recording, a change of the code its set lists).
    await env.sleep(40 * 86_400_000);
    const view = await handle.query(caseStateQuery);
    expect(view.alerts.map((a) => a.key)).toEqual(expect.arrayContaining(['warning', 'yellowCard', 'redCard']));
    await expect.poll(async () => alertModel(db).countDocuments({ caseNo: input.caseNo })).toBe(view.alerts.length);
    await handle.terminate();
    const events = (await handle.fetchHistory()).events ?? [];
    expect(RULE_SETS.find((s) => s.id === CURRENT_RULE_SET)?.rules).toContain(ATTRIBUTES_AT_START);
    expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toEqual([]);
    // No upsert before the acceptance changed the status: none by the first task, none for a marker.
    const upserts = events.flatMap((e, i) => (e.upsertWorkflowSearchAttributesEventAttributes ? [i] : []));
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(upserts.length).toBeGreaterThan(0);
    expect(upserts.every((i) => i > accepted)).toBe(true);
    expect(events.some((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).includes('TemporalChangeVersion'))).toBe(false);
  });

  it('keeps the stacks of its pending promises short, each still naming the workflow\'s own line', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput(definition, await env.currentTimeMs());
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await actOn(handle)(acceptUpdate, { actor: clerk('acceptor', dept) });
    const trace = await handle.query<{ stacks: { locations: { file_path?: string }[] }[] }>('__enhanced_stack_trace');
    // Ended once its recording is done and after a minute's skip: terminated at once, the run
    // left the time-skipping server not skipping for the next test's case (seen every time;
    // the server's reason not found).
    await expect.poll(async () => caseEventModel(db).countDocuments({ caseNo: input.caseNo, type: 'accepted' })).toBe(1);
    await env.sleep(60_000);
    await handle.terminate();
    expect(trace.stacks.length).toBeGreaterThan(0);
    for (const stack of trace.stacks) {
      // The SDK's promise hook takes two of the frames captured.
      expect(stack.locations.length).toBeLessThanOrEqual(WORKFLOW_STACK_FRAMES - 2);
      expect(stack.locations.some((l) => /workflows\/(case|shared)\//.test(l.file_path ?? ''))).toBe(true);
    }
  });

  /** How many of the case's pending stacks (the `__enhanced_stack_trace` query) pass through a file. */
  const stacksIn = async (handle: WorkflowHandle, file: RegExp) => {
    const trace = await handle.query<{ stacks: { locations: { file_path?: string }[] }[] }>('__enhanced_stack_trace');
    return trace.stacks.filter((s) => s.locations.some((l) => file.test(l.file_path ?? ''))).length;
  };
  const OUTBOX_FILE = /workflows\/shared\/outbox\.ts$/;

  it('waits in one coroutine for its recordings and deliveries when idle, under the set of 2026-12-07', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = { ...caseInput(definition, await env.currentTimeMs()), ruleSet: '2026-12-07-rules' };
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await actOn(handle)(acceptUpdate, { actor: clerk('acceptor', dept) });
    // Each pending promise that no other waits on is a stack of the query: a coroutine and its
    // wait, or an activity in flight (the acceptance's recording, until its answer is in the
    // history). Two coroutines, each with its wait, would be four.
    await expect.poll(() => stacksIn(handle, OUTBOX_FILE)).toBe(2);
    expect(await stacksIn(handle, /workflows\/case\/workflow\.ts$/)).toBeGreaterThan(0);
    await env.sleep(60_000);
    await handle.terminate();
    const set = RULE_SETS.find((s) => s.id === input.ruleSet)?.rules;
    expect(set).toContain(ONE_OUTBOX_WAITER);
    expect(set).not.toContain(OUTBOX_IN_MAIN_LOOP);
  });

  it('keeps no wait of its outbox pending when idle under the current set: its main loop drives it, and it still records and alerts', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = { ...caseInput(definition, await env.currentTimeMs()), ruleSet: CURRENT_RULE_SET };
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(handle);
    await act(acceptUpdate, { actor: clerk('acceptor', dept) });
    await expect.poll(async () => caseEventModel(db).countDocuments({ caseNo: input.caseNo, type: 'accepted' })).toBe(1);
    // Its recording answered, nothing of the outbox is pending: no coroutine, no wait (the one
    // waiter's coroutine and wait were two). The loop's own wait is the workflow's.
    await expect.poll(() => stacksIn(handle, OUTBOX_FILE), { timeout: 10_000 }).toBe(0);
    expect(await stacksIn(handle, /workflows\/case\/workflow\.ts$/)).toBeGreaterThan(0);
    // The loop still starts what its wait wakes it for: an action's recording, then the alert
    // ladder's, one by one.
    await act(completeStepUpdate, { actor: clerk('undertaker', dept), action: 'complete' });
    await expect.poll(async () => caseEventModel(db).countDocuments({ caseNo: input.caseNo, type: 'stepCompleted' })).toBe(1);
    await env.sleep(40 * 86_400_000);
    const view = await handle.query(caseStateQuery);
    expect(view.alerts.map((a) => a.key)).toEqual(expect.arrayContaining(['warning', 'yellowCard', 'redCard']));
    await expect.poll(async () => alertModel(db).countDocuments({ caseNo: input.caseNo })).toBe(view.alerts.length);
    const events = await caseEventModel(db).find({ caseNo: input.caseNo }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    await expect.poll(() => stacksIn(handle, OUTBOX_FILE), { timeout: 10_000 }).toBe(0);
    await env.sleep(60_000);
    await handle.terminate();
    expect(RULE_SETS.find((s) => s.id === CURRENT_RULE_SET)?.rules).toContain(OUTBOX_IN_MAIN_LOOP);
  });

  it('keeps the threshold timer through changes that leave its instant where it was, and fires it there', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput(definition, await env.currentTimeMs());
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(handle);
    await act(acceptUpdate, { actor: clerk('acceptor', dept) });
    // None of these moves a threshold: an urge, and the undertaker claiming the step and letting it go.
    await handle.signal(urgeSignal, { id: 'u1', by: { userId: 'supervisor' }, message: '催办' });
    await act(claimUpdate, { actor: clerk('undertaker', dept) });
    await act(releaseUpdate, { actor: clerk('undertaker', dept) });
    await expect.poll(async () => caseEventModel(db).countDocuments({ caseNo: input.caseNo, type: 'stepReleased' })).toBe(1);
    await env.sleep(40 * 86_400_000);
    expect((await handle.query(caseStateQuery)).alerts.map((a) => a.key)).toEqual(expect.arrayContaining(['warning', 'yellowCard', 'redCard']));
    await handle.terminate();

    const events = (await handle.fetchHistory()).events ?? [];
    const seconds = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) + (t?.nanos ?? 0) / 1e9;
    // Each timer's instant, to the minute (the workflow's clock and the event's time differ by milliseconds).
    const instants = events.flatMap((e) => (e.timerStartedEventAttributes
      ? [Math.round((seconds(e.eventTime) + seconds(e.timerStartedEventAttributes.startToFireTimeout)) / 60)]
      : []));
    expect(instants.length).toBeGreaterThanOrEqual(3);
    expect(new Set(instants).size).toBe(instants.length);
    // The acceptance moved the first threshold (the acceptance's) to the step's: that timer alone was cancelled.
    expect(events.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(1);
    expect(events.filter((e) => e.timerFiredEventAttributes).length).toBe(instants.length - 1);
  });

  it('keeps the case moving while a notification channel hangs, then records the failure', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/sms`;
    const slow = await caseWorker(env, db, { channels: { webhook: { url, secret: 'a-shared-secret-of-the-gateway' }, timeoutMs: 500 } });
    const slowRun = slow.worker.run();
    try {
      const definition = fixtureDefinition('sequential-licence');
      // Submitted ten days ago and never answered: the supplement-notice limit is already overdue.
      const input = caseInput(definition, (await env.currentTimeMs()) - 10 * 86_400_000);
      const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue: slow.taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
      const act = actOn(handle);
      // The overdue alerts are raised on the case's first run, before any action resolves them.
      await expect.poll(async () => (await handle.query(caseStateQuery)).alerts.length).toBeGreaterThan(0);
      const started = performance.now();
      const accepted = await act(acceptUpdate, { actor: clerk('acceptor', dept) });
      expect(performance.now() - started).toBeLessThan(3000);
      expect(accepted.status).toBe('processing');
      await act(terminateUpdate, { actor: clerk('undertaker', dept), reason: '撤回' });
      const result = (await handle.result()) as CaseResult;
      expect(result.outcome).toBe('terminated');
      const deliveries = await notificationDeliveryModel(db).find({ caseNo: input.caseNo }).lean();
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries.every((d) => d.status === 'failed' && d.attempts === 4)).toBe(true);
      const failed = await caseEventModel(db).countDocuments({ caseNo: input.caseNo, type: 'notificationFailed' });
      expect(failed).toBe(deliveries.length);
      const alerts = await alertModel(db).countDocuments({ caseNo: input.caseNo });
      expect(scheduled(await handle.fetchHistory()).deliverNotifications).toBe(alerts);
    } finally {
      slow.worker.shutdown();
      await slowRun;
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});

/** How many activities of each type a history scheduled. */
function scheduled(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): Record<string, number> {
  const counts: Record<string, number> = { deliverNotifications: 0, recordCaseEvents: 0 };
  for (const event of history.events ?? []) {
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
