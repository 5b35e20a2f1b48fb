import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as c from '../../workflows/case/contract';
import { actOn, caseInput, clerk, fixtureDefinition, startCaseWorkerStack, type CaseWorkerStack } from './harness';

const DAY = 86_400_000;
const dept = 'health-commission';

/** Timers started and not yet fired or cancelled, after every event of the history. */
function openTimersOverTime(events: temporal.api.history.v1.IHistoryEvent[]): number[] {
  const open = new Set<string>();
  const counts: number[] = [];
  for (const event of events) {
    if (event.timerStartedEventAttributes) open.add(String(event.eventId));
    const closed = event.timerFiredEventAttributes?.startedEventId ?? event.timerCanceledEventAttributes?.startedEventId;
    if (closed !== undefined && closed !== null) open.delete(String(closed));
    counts.push(open.size);
  }
  return counts;
}

describe('timers: one for the next threshold, re-armed after every change, never leaked', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  const openTimers = async (h: WorkflowHandle) => openTimersOverTime((await h.fetchHistory()).events ?? []).at(-1);

  it('cancels the timer while paused, moves the thresholds on resume, keeps at most one timer', async () => {
    // Five supplement notices after acceptance churn the timers: the item allows them.
    const fixture = fixtureDefinition('sequential-licence');
    const input = caseInput({ ...fixture, item: { ...fixture.item, pauseLimits: { supplementsAfterAcceptance: 5 } } }, await env.currentTimeMs());
    const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(h);
    await act(c.acceptUpdate, { actor: clerk('acceptor', dept) });
    const before = await h.query(c.caseStateQuery);
    expect(await openTimers(h)).toBe(1);

    await act(c.suspendUpdate, { actor: clerk('undertaker', dept), reason: '中止' });
    // The processing clock's thresholds are gone; only the suspension's own ladder (its limit) runs, on one timer.
    const paused = (await h.query(c.caseStateQuery)).thresholds;
    expect(paused.filter((t) => !t.kind.startsWith('pause'))).toEqual([]);
    expect(paused.map((t) => t.kind)).toEqual(['pauseFlag', 'pauseReminder', 'pauseOverdue']);
    expect(await openTimers(h)).toBe(1);

    await env.sleep(7 * DAY);
    await act(c.resumeUpdate, { actor: clerk('undertaker', dept) });
    const after = await h.query(c.caseStateQuery);
    expect(after.deadline).toBeGreaterThan(before.deadline ?? Infinity);
    expect(after.next?.at).toBeGreaterThan(before.next?.at ?? Infinity);
    expect(await openTimers(h)).toBe(1);

    for (let i = 0; i < 5; i++) {
      await h.signal(c.urgeSignal, { id: `u${i}`, by: { userId: 'supervisor' }, message: '催办' });
      await act(c.supplementNoticeUpdate, { actor: clerk('undertaker', dept), materials: ['材料'] });
      await act(c.supplementReceivedUpdate, { actor: clerk('undertaker', dept) });
    }
    // The same urge signalled again (a retried request) is not a second urge.
    await h.signal(c.urgeSignal, { id: 'u0', by: { userId: 'supervisor' }, message: '催办' });
    expect((await h.query(c.caseStateQuery)).notices.filter((n) => n.kind === 'urge').map((n) => n.id)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    await h.signal(c.calendarChangedSignal, { calendar: input.calendar, reason: 'republished' });
    await env.sleep(40 * DAY);
    const view = await h.query(c.caseStateQuery);
    expect(view.alerts.map((a) => a.key)).toEqual(expect.arrayContaining(['warning', 'yellowCard', 'redCard']));
    const counts = openTimersOverTime((await h.fetchHistory()).events ?? []);
    expect(Math.max(...counts)).toBe(1);
    expect(counts.at(-1)).toBe(0);
    await h.terminate();
  });
});
