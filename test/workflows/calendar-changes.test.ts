import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationWorkflowId, followUpWorkflowId } from '../../config/temporal';
import type { WorkCalendar } from '../../domain/calendar/schema';
import { calendarChangedSignal } from '../../workflows/case/contract';
import { CONSULTATION_WORKFLOW_NAME, consultationStateQuery, type ConsultationStartInput } from '../../workflows/consultation/contract';
import { FOLLOW_UP_WORKFLOW_NAME, followUpStateQuery, type FollowUpStartInput } from '../../workflows/follow-up/contract';
import { startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { DAY, HOUR, pinnedWeek } from './oversight-harness';

const MINUTE = 60_000;
const dept = 'market-supervision';

/** The pinned week with its Tuesday (F+4) made a day off, as a calendar published after the start would. */
function tuesdayOff(calendar: WorkCalendar, friday: number): WorkCalendar {
  const tuesday = new Date(friday + 4 * DAY + 8 * HOUR).toISOString().slice(0, 10);
  return { ...calendar, adjustments: calendar.adjustments.map((a) => (a.date === tuesday ? { ...a, working: false, reason: 'local holiday published later (test)' } : a)) };
}

// pinnedWeek: Friday F 00:00 (+08:00); Sat, Sun off; Monday F+3 a local holiday; Tue–Fri (F+4…F+7) working; Sat, Sun off; Monday F+10 working.
describe('consultations and follow-ups take a calendar published while they run (time-skipping server)', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  const sleepUntil = async (at: number) => {
    const now = await env.currentTimeMs();
    if (at > now) await env.sleep(at - now);
  };

  it('moves a consultation\'s answer limit and its warning when Tuesday becomes a day off', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const askedAt = friday + 10 * HOUR;
    await sleepUntil(askedAt);
    const input: ConsultationStartInput = {
      consultationNo: `ZX-${randomUUID().slice(0, 8)}`, queryCode: 'ABCD2345', channel: 'web', asker: { name: '王五' },
      itemCode: 'SC-001', itemName: '食品经营许可', department: dept, question: '需要哪些材料?', askedAt, calendar, limits: { answerDays: 2 },
    };
    const handle = await env.client.workflow.start(CONSULTATION_WORKFLOW_NAME, { taskQueue, workflowId: consultationWorkflowId(input.consultationNo), args: [input] });
    // 2 working days from the day after: Tue, Wed; the answer is due at 24:00 Wednesday, the warning at 09:00 Wednesday.
    expect(await handle.query(consultationStateQuery)).toMatchObject({ answerDeadline: friday + 6 * DAY, next: { key: 'warning', at: friday + 5 * DAY + 9 * HOUR } });

    await handle.signal(calendarChangedSignal, { calendar: tuesdayOff(calendar, friday), reason: 'calendar published (test)' });
    // Tuesday off: Wed, Thu; due at 24:00 Thursday (Friday 00:00), warned at 09:00 Thursday.
    const deadline = friday + 7 * DAY;
    const warningAt = friday + 6 * DAY + 9 * HOUR;
    await expect.poll(async () => (await handle.query(consultationStateQuery)).answerDeadline).toBe(deadline);
    expect((await handle.query(consultationStateQuery)).next).toEqual({ key: 'warning', at: warningAt });

    await sleepUntil(friday + 5 * DAY + 9 * HOUR + MINUTE);
    expect((await handle.query(consultationStateQuery)).alerts).toEqual([]);
    await sleepUntil(warningAt + MINUTE);
    const view = await handle.query(consultationStateQuery);
    expect(view.alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['warning', warningAt]]);
    expect(view.next).toEqual({ key: 'overdue', at: deadline });
    expect(view.history.map((e) => e.type)).toContain('calendarChanged');
    await handle.terminate('test done');
  });

  it('moves a follow-up\'s limit and its warning when Tuesday becomes a day off', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const ratedAt = friday + 10 * HOUR;
    await sleepUntil(ratedAt);
    const input: FollowUpStartInput = {
      rating: {
        caseNo: `SL-${randomUUID().slice(0, 8)}`, itemCode: 'SC-001', itemName: '食品经营许可', department: dept, level: 'dissatisfied',
        reasons: ['slow'], comment: '', ratedAt,
      },
      calendar, limits: { followUpDays: 3 },
    };
    const handle = await env.client.workflow.start(FOLLOW_UP_WORKFLOW_NAME, { taskQueue, workflowId: followUpWorkflowId(input.rating.caseNo), args: [input] });
    // 3 working days: Tue, Wed, Thu; due at 24:00 Thursday, warned at 09:00 Thursday.
    expect(await handle.query(followUpStateQuery)).toMatchObject({ status: 'open', deadline: friday + 7 * DAY, next: { key: 'warning', at: friday + 6 * DAY + 9 * HOUR } });

    await handle.signal(calendarChangedSignal, { calendar: tuesdayOff(calendar, friday) });
    // Tuesday off: Wed, Thu, Fri; due at 24:00 Friday (Saturday 00:00), warned at 09:00 Friday.
    const deadline = friday + 8 * DAY;
    const warningAt = friday + 7 * DAY + 9 * HOUR;
    await expect.poll(async () => (await handle.query(followUpStateQuery)).deadline).toBe(deadline);
    expect((await handle.query(followUpStateQuery)).next).toEqual({ key: 'warning', at: warningAt });

    await sleepUntil(friday + 7 * DAY + MINUTE);
    expect((await handle.query(followUpStateQuery)).alerts).toEqual([]);
    await sleepUntil(warningAt + MINUTE);
    const view = await handle.query(followUpStateQuery);
    expect(view.alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['warning', warningAt]]);
    expect(view.next).toEqual({ key: 'overdue', at: deadline });
    await handle.terminate('test done');
  });
});
