import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followUpWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { caseRatingModel } from '../../db/models/case-rating';
import { caseRollupModel } from '../../db/models/case-rollup';
import type { WorkCalendar } from '../../domain/calendar/schema';
import {
  closeFollowUpUpdate, FOLLOW_UP_WORKFLOW_NAME, followUpStateQuery, type FollowUpResult, type FollowUpStartInput, type SatisfactionLevel,
} from '../../workflows/follow-up/contract';
import { startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { actor, DAY, HOUR, key, officer, pinnedWeek, refusalCode } from './oversight-harness';

const MINUTE = 60_000;

describe('rating follow-up workflow on the time-skipping server', () => {
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

  async function rate(calendar: WorkCalendar, ratedAt: number, level: SatisfactionLevel, department: string) {
    const input: FollowUpStartInput = {
      rating: {
        caseNo: `SL-${randomUUID().slice(0, 8)}`, itemCode: 'SC-001', itemName: '食品经营许可', department, level,
        reasons: level === 'satisfied' ? ['quick'] : ['repeated-visits', 'attitude'], comment: '跑了三趟', ratedAt,
      },
      calendar, limits: { followUpDays: 3 },
    };
    const handle = await env.client.workflow.start(FOLLOW_UP_WORKFLOW_NAME, { taskQueue, workflowId: followUpWorkflowId(input.rating.caseNo), args: [input] });
    return { input, handle };
  }

  it('records a good rating as a satisfaction fact and opens nothing', async () => {
    const dept = `dept-${randomUUID().slice(0, 6)}`;
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    await sleepUntil(friday + 10 * HOUR);
    const { input, handle } = await rate(calendar, friday + 10 * HOUR, 'satisfied', dept);
    expect((await handle.result()) as FollowUpResult).toEqual({ caseNo: input.rating.caseNo, status: 'none', closure: null });
    expect(await caseRatingModel(db).findById(input.rating.caseNo).lean()).toMatchObject({ level: 'satisfied', status: 'none', deadline: null });
    const rows = await caseRollupModel(db).find({ department: dept }).lean();
    expect(rows.map((r) => [r.counts?.ratings, r.sums?.satisfaction])).toEqual([[1, 4]]);
  });

  // pinnedWeek: Friday F 00:00 (+08:00); Sat, Sun off; Monday F+3 a local holiday; Tue–Fri (F+4…F+7) working; Monday F+10 working.
  it('opens a follow-up on a 差评, alerts it overdue on its own limit and takes the officer\'s result', async () => {
    const dept = `dept-${randomUUID().slice(0, 6)}`;
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const ratedAt = friday + 10 * HOUR;
    await sleepUntil(ratedAt);
    const { input, handle } = await rate(calendar, ratedAt, 'very-dissatisfied', dept);
    const warningAt = friday + 6 * DAY + 9 * HOUR; // Thursday 09:00: the last of 3 working days (Tue, Wed, Thu)
    const deadline = friday + 7 * DAY; // Friday 00:00: 24:00 Thursday
    const escalation = friday + 11 * DAY; // Tuesday 00:00: 3 + 2 working days (Tue, Wed, Thu, Fri, Mon)
    expect(await handle.query(followUpStateQuery)).toMatchObject({ status: 'open', deadline, next: { key: 'warning', at: warningAt } });

    expect(await refusalCode(handle.executeUpdate(closeFollowUpUpdate, { args: [{ idempotencyKey: key(), actor: actor(['clerk'], dept), outcome: 'rectified', result: 'x' }] })))
      .toBe('ROLE_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(closeFollowUpUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), outcome: 'rectified', result: 'x' }] })))
      .toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(closeFollowUpUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), outcome: 'forgotten' as never, result: 'x' }] })))
      .toBe('INVALID_ARGUMENT');

    await sleepUntil(deadline - MINUTE);
    expect((await handle.query(followUpStateQuery)).alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['warning', warningAt]]);
    await sleepUntil(deadline + MINUTE);
    const view = await handle.query(followUpStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([['warning', 'warning', warningAt], ['overdue', 'yellow', deadline]]);
    expect(view).toMatchObject({ level: 'yellow', next: { key: 'escalated', at: escalation } });

    await handle.executeUpdate(closeFollowUpUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), outcome: 'rectified', result: '已约谈窗口人员并当面致歉。' }] });
    const result = (await handle.result()) as FollowUpResult;
    expect(result).toMatchObject({ status: 'closed', closure: { outcome: 'rectified', onTime: false, workingDays: 4 } }); // Tue, Wed, Thu, Fri
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, await handle.fetchHistory(), handle.workflowId);

    expect(await caseRatingModel(db).findById(input.rating.caseNo).lean()).toMatchObject({ status: 'closed', closedOnTime: false, alertLevel: 'yellow' });
    const alerts = await alertModel(db).find({ subjectId: input.rating.caseNo, subject: 'follow-up' }).sort({ thresholdAt: 1 }).lean();
    expect(alerts.map((a) => a.kind)).toEqual(['followUpWarning', 'followUpOverdue']);
    const rows = await caseRollupModel(db).find({ department: dept }).lean();
    expect(rows.map((r) => [r.counts?.ratings, r.sums?.satisfaction])).toEqual([[1, 1]]);
  });
});
