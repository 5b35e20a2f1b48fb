import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { alertModel } from '../../db/models/alert';
import * as c from '../../workflows/case/contract';
import { caseInput, clerk, connectDb, fixtureDefinition, key, startCaseTestServer } from './harness';

const DAY = 86_400_000;
const dept = 'health-commission';

/**
 * A threshold that fell due before an action is raised even when the action takes it away
 * (a completed step takes its step thresholds, an acceptance the supplement-notice limit)
 * and reaches the workflow before the main loop has woken for the threshold: signals
 * buffered with the start, or a clerk's update in the same workflow task as the threshold's
 * timer. Each test holds the worker back so that the order is certain, not a race.
 */
describe('thresholds that fell before an action (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  // Time skipping is global to a server, and a task no worker takes holds its clock: each
  // test has a server of its own.
  beforeEach(async () => {
    env = await startCaseTestServer();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  /** A worker without a sticky cache: a later worker on the queue gets the next task at once. */
  const workerOn = (taskQueue: string) => Worker.create({
    connection: env.nativeConnection, taskQueue, maxCachedWorkflows: 0,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities({ db, logger: pino({ level: 'silent' }) }),
  });
  /**
   * Waits until nothing is left running for the case (no activity, no workflow task), then for
   * an hour of the server's time, which it skips only once nothing runs anywhere: from then on
   * the case waits on its timer alone, and the worker can stop without leaving a task behind
   * that would hold the server's clock (time skipping is global to the server).
   */
  const settled = async (handle: WorkflowHandle) => {
    for (;;) {
      const { raw } = await handle.describe();
      if (!raw.pendingActivities?.length && !raw.pendingWorkflowTask) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await env.sleep(3_600_000);
  };
  const keys = (view: c.CaseView) => view.alerts.map((a) => a.key).sort();

  it('raises the acceptance thresholds when a late "submitted" and "accepted" arrive with the start', async () => {
    const taskQueue = `before-${randomUUID()}`;
    const now = await env.currentTimeMs();
    const input = caseInput(fixtureDefinition('sequential-licence'), now - 40 * DAY, { mode: 'tracked' });
    const client = env.client;
    // Both signals are in the history before any worker sees the case: its first activation carries them.
    const handle = await client.workflow.signalWithStart(c.CASE_WORKFLOW_NAME, {
      taskQueue, workflowId: `case-${input.caseNo}`, args: [input],
      signal: c.externalEventSignal, signalArgs: [{ eventId: 'e1', sequence: 1, type: 'submitted', occurredAt: input.submittedAt }],
    });
    await handle.signal(c.externalEventSignal, { eventId: 'e2', sequence: 2, type: 'accepted', occurredAt: now });
    const worker = await workerOn(taskQueue);
    const view = await worker.runUntil(async () => {
      await settled(handle);
      return await handle.query(c.caseStateQuery);
    });
    expect(view.position.map((p) => p.nodeId)).toEqual(['undertake']);
    expect(keys(view)).toEqual(['stepOverdue:accept#1', 'stepReminder:accept#1', 'supplementNoticeOverdue']);
    // Raised before the acceptance took them away: in the timeline, ahead of it.
    const types = view.history.map((e) => e.type);
    expect(types.lastIndexOf('alert')).toBeLessThan(types.indexOf('accepted'));
    // Recorded with the case's events, each under its own id, for the supervisors' board.
    const recorded = await alertModel(db).find({ _id: { $in: view.alerts.map((a) => a.id) } }).lean();
    expect(recorded.map((a) => a.key).sort()).toEqual(keys(view));
  });

  it('raises a step\'s reminder when the clerk completes the step in the same task as its timer', async () => {
    const taskQueue = `before-${randomUUID()}`;
    const input = caseInput(fixtureDefinition('sequential-licence'), await env.currentTimeMs());
    const first = await workerOn(taskQueue);
    const [handle, accepted] = await first.runUntil(async () => {
      const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
      await h.executeUpdate(c.acceptUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept) }] });
      await settled(h);
      return [h, await h.query(c.caseStateQuery)] as const;
    });
    // The case's one timer is the first threshold after the acceptance: the step's reminder.
    const reminder = accepted.next;
    expect(reminder?.key).toBe('stepReminder:undertake#1');
    // No worker from here: the test server skips to a second before the timer, whose task
    // then waits for a worker; the clerk's update joins that task.
    await env.sleep(reminder!.at - 1_000 - (await env.currentTimeMs()));
    while ((await env.currentTimeMs()) <= reminder!.at) await new Promise((resolve) => setTimeout(resolve, 50));
    const completed = handle.executeUpdate(c.completeStepUpdate, {
      args: [{ idempotencyKey: key(), actor: clerk('undertaker', dept), action: 'complete' }],
    });
    const second = await workerOn(taskQueue);
    const view = await second.runUntil(async () => {
      await completed;
      return await handle.query(c.caseStateQuery);
    });
    expect(view.position.map((p) => p.nodeId)).toEqual(['review']);
    expect(keys(view)).toEqual(['stepReminder:undertake#1']);
  });
  it('locks the flow on a yellow card that fell before the clerk\'s action, and refuses the action', async () => {
    const taskQueue = `before-${randomUUID()}`;
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput({ ...definition, item: { ...definition.item, flowLock: 'yellow-card' } }, await env.currentTimeMs());
    const first = await workerOn(taskQueue);
    const [handle, yellow] = await first.runUntil(async () => {
      const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
      await h.executeUpdate(c.acceptUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept) }] });
      const card = (await h.query(c.caseStateQuery)).thresholds.find((t) => t.key === 'yellowCard');
      expect(card).toBeDefined();
      // The step's and the warning's timers fire with the worker running; the case then waits on the card.
      await env.sleep(card!.at - 2 * 3_600_000 - (await env.currentTimeMs()));
      await settled(h);
      return [h, card!] as const;
    });
    await env.sleep(yellow.at - 1_000 - (await env.currentTimeMs()));
    while ((await env.currentTimeMs()) <= yellow.at) await new Promise((resolve) => setTimeout(resolve, 50));
    const completed = handle.executeUpdate(c.completeStepUpdate, {
      args: [{ idempotencyKey: key(), actor: clerk('undertaker', dept), action: 'complete' }],
    }).then(() => 'applied', (error: unknown) => c.refusalOf(error)?.code ?? String(error));
    const second = await workerOn(taskQueue);
    const [answer, view] = await second.runUntil(async () => {
      const refusal = await completed;
      await settled(handle);
      return [refusal, await handle.query(c.caseStateQuery)] as const;
    });
    expect(answer).toBe('CASE_LOCKED');
    expect(keys(view)).toContain('yellowCard');
    expect(view.lock).toMatchObject({ card: 'yellowCard', locked: true });
    expect(view.position.map((p) => p.nodeId)).toEqual(['undertake']);
  });
});
