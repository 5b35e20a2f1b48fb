import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseWorkflowId, supervisionOrderWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { oversightEventModel } from '../../db/models/oversight-event';
import { supervisionConclusionModel } from '../../db/models/supervision-conclusion';
import { supervisionOrderModel } from '../../db/models/supervision-order';
import { calendarChangedSignal, CASE_WORKFLOW_NAME, caseStateQuery } from '../../workflows/case/contract';
import {
  answerOrderUpdate, concludeOrderUpdate, orderStateQuery, SUPERVISION_ORDER_WORKFLOW_NAME, type SupervisionOrderResult,
  type SupervisionOrderStartInput,
} from '../../workflows/supervision-order/contract';
import type { WorkCalendar } from '../../domain/calendar/schema';
import { caseInput, fixtureDefinition, startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { DAY, HOUR, key, officer, pinnedWeek, refusalCode, supervisor } from './oversight-harness';

const dept = 'health-commission';
const MINUTE = 60_000;

describe('supervision order workflow on the time-skipping server', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, db, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  const sleepUntil = async (at: number) => {
    const now = await env.currentTimeMs();
    if (at > now) await env.sleep(at - now);
  };

  async function openOrder(calendar: WorkCalendar, openedAt: number, caseNo: string, responseDays = 2) {
    const input: SupervisionOrderStartInput = {
      orderId: `DB-${randomUUID().slice(0, 8)}`, subject: { kind: 'case', caseNo }, itemCode: 'health-licence', department: dept,
      title: '催促办理', requirement: 'explain the delay and conclude the case', openedBy: { userId: supervisor.userId },
      openedAt, responseDays, calendar,
    };
    const handle = await env.client.workflow.start(SUPERVISION_ORDER_WORKFLOW_NAME, {
      taskQueue, workflowId: supervisionOrderWorkflowId(input.orderId), args: [input],
    });
    return { input, handle };
  }

  it('reminds, escalates to the department head then the office leader at exact working-day instants, and records a late answer', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const openedAt = friday + 15 * HOUR;
    await sleepUntil(openedAt);
    const definition = fixtureDefinition('sequential-licence');
    const kase = caseInput(definition, await env.currentTimeMs(), { calendar });
    await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: caseWorkflowId(kase.caseNo), args: [kase] });
    const { input, handle } = await openOrder(calendar, openedAt, kase.caseNo);

    // Two working days after Friday with Monday a local holiday: Tuesday and Wednesday.
    const reminderAt = friday + 5 * DAY + 9 * HOUR; // Wednesday 09:00
    const deadline = friday + 6 * DAY; // Thursday 00:00 (Wednesday 24:00)
    const leaderAt = friday + 8 * DAY; // Saturday 00:00: two more working days (Thursday, Friday)
    let view = await handle.query(orderStateQuery);
    expect(view).toMatchObject({ status: 'open', responseDeadline: deadline, level: 'normal', next: { key: 'reminder', at: reminderAt } });

    await sleepUntil(reminderAt - MINUTE);
    expect((await handle.query(orderStateQuery)).alerts).toEqual([]);
    await sleepUntil(reminderAt + MINUTE);
    view = await handle.query(orderStateQuery);
    expect(view.alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['reminder', reminderAt]]);
    expect(view).toMatchObject({ level: 'warning', next: { key: 'overdue', at: deadline } });

    await sleepUntil(deadline + MINUTE);
    view = await handle.query(orderStateQuery);
    expect(view.alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['reminder', reminderAt], ['overdue', deadline]]);
    expect(view.next).toEqual({ key: 'escalated', at: leaderAt });

    await sleepUntil(leaderAt + MINUTE);
    view = await handle.query(orderStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([
      ['reminder', 'warning', reminderAt], ['overdue', 'yellow', deadline], ['escalated', 'red', leaderAt],
    ]);
    for (const alert of view.alerts) expect(alert.at - alert.thresholdAt).toBeLessThan(MINUTE);
    expect(view).toMatchObject({ level: 'red', next: null });

    expect(await refusalCode(handle.executeUpdate(answerOrderUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), answer: 'x' }] })))
      .toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(answerOrderUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, answer: 'x' }] })))
      .toBe('ROLE_NOT_ALLOWED');
    const answerKey = key();
    const answer = { idempotencyKey: answerKey, actor: officer(dept), answer: 'the reviewer was on leave; the case is concluded today' };
    const answered = await handle.executeUpdate(answerOrderUpdate, { args: [answer] });
    expect(answered).toMatchObject({ status: 'answered', orderId: input.orderId });
    expect(await handle.executeUpdate(answerOrderUpdate, { args: [answer] })).toEqual(answered);
    expect(await refusalCode(handle.executeUpdate(concludeOrderUpdate, {
      args: [{ idempotencyKey: answerKey, actor: supervisor, finding: 'substantiated', responsibility: 'individual', measure: 'criticism' }],
    }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await refusalCode(handle.executeUpdate(answerOrderUpdate, { args: [{ ...answer, idempotencyKey: key() }] }))).toBe('ALREADY_ANSWERED');

    const conclude = { idempotencyKey: key(), actor: supervisor, finding: 'substantiated', responsibility: 'individual', measure: 'criticism' } as const;
    await handle.executeUpdate(concludeOrderUpdate, { args: [conclude] });
    const result = (await handle.result()) as SupervisionOrderResult;
    // Answered on Saturday 00:01: four working days after opening, two past the deadline (Thursday, Friday).
    expect(result.conclusion).toMatchObject({ responsiveness: 'late', responseWorkingDays: 4, lateWorkingDays: 2, finding: 'substantiated' });

    const conclusion = await supervisionConclusionModel(db).findById(input.orderId).lean();
    expect(conclusion).toMatchObject({ department: dept, responsiveness: 'late', lateWorkingDays: 2, measure: 'criticism', caseNo: kase.caseNo });
    const order = await supervisionOrderModel(db).findById(input.orderId).lean();
    expect(order).toMatchObject({ status: 'concluded', level: 'red', alertCount: 3 });
    const alerts = await alertModel(db).find({ subjectId: input.orderId }).sort({ thresholdAt: 1 }).lean();
    expect(alerts.map((a) => [a.kind, a.thresholdAt.getTime()])).toEqual([
      ['orderReminder', reminderAt], ['orderOverdue', deadline], ['orderEscalated', leaderAt],
    ]);
    expect(alerts[1]?.audience).toContainEqual({ kind: 'department-head', department: dept });
    expect(alerts[2]?.audience).toContainEqual({ kind: 'department-leadership', department: 'supervision-office' });
    const events = await oversightEventModel(db).find({ subjectId: input.orderId }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['opened', 'alert', 'answered', 'concluded']));

    // The whole history replays on the workflow code: the ladder is deterministic.
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, await handle.fetchHistory(), handle.workflowId);

    const kaseView = await env.client.workflow.getHandle(caseWorkflowId(kase.caseNo)).query(caseStateQuery);
    expect(kaseView.notices.filter((n) => n.id === input.orderId).map((n) => n.event)).toEqual(['opened', 'answered', 'concluded']);
  });

  it('stops the ladder once answered on time, and refuses to conclude an unanswered order before its deadline', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const openedAt = friday + 10 * HOUR;
    await sleepUntil(openedAt);
    const early = await openOrder(calendar, openedAt, `T-none-${randomUUID().slice(0, 6)}`);
    expect(await refusalCode(early.handle.executeUpdate(concludeOrderUpdate, {
      args: [{ idempotencyKey: key(), actor: supervisor, finding: 'unsubstantiated', responsibility: 'none', measure: 'none' }],
    }))).toBe('NOT_YET_OVERDUE');
    await sleepUntil(friday + 4 * DAY + 11 * HOUR); // Tuesday 11:00, before the reminder
    await early.handle.executeUpdate(answerOrderUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), answer: 'done' }] });
    await sleepUntil(friday + 9 * DAY);
    const view = await early.handle.query(orderStateQuery);
    expect(view).toMatchObject({ status: 'answered', alerts: [], next: null, answer: { onTime: true, workingDays: 1 } });
    // The case does not exist: the order notes that it could not tell it, and goes on.
    expect(view.caseNotified).toContainEqual({ event: 'opened', delivered: false });
    await early.handle.executeUpdate(concludeOrderUpdate, {
      args: [{ idempotencyKey: key(), actor: supervisor, finding: 'unsubstantiated', responsibility: 'none', measure: 'none' }],
    });
    const result = (await early.handle.result()) as SupervisionOrderResult;
    expect(result.conclusion).toMatchObject({ responsiveness: 'on-time', responseWorkingDays: 1, lateWorkingDays: 0 });
  });

  it('recomputes its deadline when the calendar changes under it', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const openedAt = friday + 16 * HOUR;
    await sleepUntil(openedAt);
    const { handle } = await openOrder(calendar, openedAt, `T-none-${randomUUID().slice(0, 6)}`);
    expect((await handle.query(orderStateQuery)).responseDeadline).toBe(friday + 6 * DAY);
    const tuesday = new Date(friday + 4 * DAY + 8 * HOUR).toISOString().slice(0, 10);
    const adjustments = calendar.adjustments.map((a) => (a.date === tuesday ? { ...a, working: false, reason: 'typhoon closure' } : a));
    await handle.signal(calendarChangedSignal, { calendar: { ...calendar, adjustments }, reason: 'typhoon' });
    const view = await handle.query(orderStateQuery);
    expect(view).toMatchObject({ responseDeadline: friday + 7 * DAY, next: { key: 'reminder', at: friday + 6 * DAY + 9 * HOUR } });
    expect(view.history.map((h) => h.type)).toContain('calendarChanged');
    // Ended through its own updates, not terminated: after a termination the test server stopped skipping time.
    await handle.executeUpdate(answerOrderUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), answer: 'done' }] });
    await handle.executeUpdate(concludeOrderUpdate, {
      args: [{ idempotencyKey: key(), actor: supervisor, finding: 'unsubstantiated', responsibility: 'none', measure: 'none' }],
    });
    await handle.result();
  });

  it('is concluded unanswered once overdue, counted as unanswered for the scores', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const openedAt = friday + 9 * HOUR;
    await sleepUntil(openedAt);
    const { handle } = await openOrder(calendar, openedAt, `T-none-${randomUUID().slice(0, 6)}`, 1);
    // One working day: Tuesday (Monday a local holiday); the deadline is Wednesday 00:00.
    expect((await handle.query(orderStateQuery)).responseDeadline).toBe(friday + 5 * DAY);
    await sleepUntil(friday + 6 * DAY + 10 * HOUR); // Thursday 10:00
    await handle.executeUpdate(concludeOrderUpdate, {
      args: [{ idempotencyKey: key(), actor: supervisor, finding: 'substantiated', responsibility: 'department', measure: 'accountability' }],
    });
    const result = (await handle.result()) as SupervisionOrderResult;
    // Tuesday, Wednesday, Thursday: three working days open, two past the deadline.
    expect(result.conclusion).toMatchObject({ responsiveness: 'unanswered', responseWorkingDays: 3, lateWorkingDays: 2 });
  });
});
