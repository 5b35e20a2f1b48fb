import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { complaintWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { complaintModel } from '../../db/models/complaint';
import type { WorkCalendar } from '../../domain/calendar/schema';
import {
  COMPLAINT_WORKFLOW_NAME, complaintStateQuery, concludeComplaintUpdate, rateComplaintUpdate, respondComplaintUpdate,
  transferComplaintUpdate, type ComplaintResult, type ComplaintStartInput,
} from '../../workflows/complaint/contract';
import { startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { complainant, DAY, HOUR, key, officer, pinnedWeek, refusalCode, supervisor } from './oversight-harness';

const dept = 'market-supervision';
const MINUTE = 60_000;

describe('complaint workflow on the time-skipping server', () => {
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

  async function file(calendar: WorkCalendar, filedAt: number) {
    const input: ComplaintStartInput = {
      complaintNo: `TS-${randomUUID().slice(0, 8)}`, queryCode: 'ABCD2345', channel: 'phone', complainant: { name: '张三', phone: '13800000000' },
      content: 'the licence window asked for the same papers three times', about: { department: dept }, filedAt,
      registeredBy: { userId: 'clerk-1' }, calendar, limits: { firstResponseHours: 24, handlingDays: 3 },
    };
    const handle = await env.client.workflow.start(COMPLAINT_WORKFLOW_NAME, { taskQueue, workflowId: complaintWorkflowId(input.complaintNo), args: [input] });
    return { input, handle };
  }

  it('alerts a first response later than 24 natural hours, warns on the last handling day, and takes the rating', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const filedAt = friday + 15 * HOUR;
    await sleepUntil(filedAt);
    const { input, handle } = await file(calendar, filedAt);
    const firstDue = filedAt + 24 * HOUR; // Saturday 15:00: natural hours, weekend or not
    const warningAt = friday + 6 * DAY + 9 * HOUR; // Thursday 09:00: the third working day (Tue, Wed, Thu; Monday a local holiday)
    const handlingDeadline = friday + 7 * DAY; // Friday 00:00
    let view = await handle.query(complaintStateQuery);
    expect(view).toMatchObject({ status: 'registered', firstResponseDeadline: firstDue, handlingDeadline, next: { key: 'firstResponseOverdue', at: firstDue } });

    expect(await refusalCode(handle.executeUpdate(respondComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), message: 'x' }] })))
      .toBe('NOT_TRANSFERRED');
    expect(await refusalCode(handle.executeUpdate(transferComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), department: dept }] })))
      .toBe('ROLE_NOT_ALLOWED');
    const transfer = { idempotencyKey: key(), actor: supervisor, department: dept, note: 'yours' };
    const transferred = await handle.executeUpdate(transferComplaintUpdate, { args: [transfer] });
    expect(await handle.executeUpdate(transferComplaintUpdate, { args: [transfer] })).toEqual(transferred);
    expect(await refusalCode(handle.executeUpdate(transferComplaintUpdate, { args: [{ ...transfer, idempotencyKey: key() }] }))).toBe('ALREADY_IN_DEPARTMENT');

    await sleepUntil(firstDue - MINUTE);
    expect((await handle.query(complaintStateQuery)).alerts).toEqual([]);
    await sleepUntil(firstDue + MINUTE);
    view = await handle.query(complaintStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([['firstResponseOverdue', 'yellow', firstDue]]);
    expect(await refusalCode(handle.executeUpdate(respondComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), message: 'x' }] })))
      .toBe('DEPARTMENT_NOT_ALLOWED');
    await handle.executeUpdate(respondComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), message: 'we called back' }] });
    view = await handle.query(complaintStateQuery);
    expect(view).toMatchObject({ status: 'responded', firstResponseOnTime: false, next: { key: 'handlingWarning', at: warningAt } });

    await sleepUntil(warningAt + MINUTE);
    view = await handle.query(complaintStateQuery);
    expect(view.alerts.map((a) => [a.key, a.thresholdAt])).toEqual([['firstResponseOverdue', firstDue], ['handlingWarning', warningAt]]);
    expect(await refusalCode(handle.executeUpdate(rateComplaintUpdate, { args: [{ idempotencyKey: key(), actor: complainant, score: 5 }] }))).toBe('NOT_CONCLUDED');
    await handle.executeUpdate(concludeComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), result: 'window staff retrained', finding: 'substantiated' }] });
    expect(await refusalCode(handle.executeUpdate(rateComplaintUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, score: 5 }] }))).toBe('ROLE_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(rateComplaintUpdate, { args: [{ idempotencyKey: key(), actor: complainant, score: 6 }] }))).toBe('INVALID_ARGUMENT');
    await handle.executeUpdate(rateComplaintUpdate, { args: [{ idempotencyKey: key(), actor: complainant, score: 4, comment: 'fixed' }] });
    const result = (await handle.result()) as ComplaintResult;
    expect(result).toMatchObject({ conclusion: { onTime: true, workingDays: 3, finding: 'substantiated' }, rating: { score: 4 } });
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, await handle.fetchHistory(), handle.workflowId);

    const doc = await complaintModel(db).findById(input.complaintNo).lean();
    expect(doc).toMatchObject({ department: dept, status: 'concluded', firstResponseOnTime: false, handledOnTime: true, rating: 4, alertCount: 2 });
    const alerts = await alertModel(db).find({ subjectId: input.complaintNo }).sort({ thresholdAt: 1 }).lean();
    expect(alerts.map((a) => a.kind)).toEqual(['complaintFirstResponseOverdue', 'complaintHandlingWarning']);
    expect(alerts[0]?.audience).toContainEqual({ kind: 'assignee', role: 'department-officer', department: dept });
  });

  it('escalates a complaint past its handling limit and closes the rating window after 15 days', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const filedAt = friday + 11 * HOUR;
    await sleepUntil(filedAt);
    const { input, handle } = await file(calendar, filedAt);
    await handle.executeUpdate(respondComplaintUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, message: 'received, looking into it' }] });
    const deadline = friday + 7 * DAY; // Friday 00:00
    const escalation = friday + 11 * DAY; // Tuesday 00:00: two more working days (Friday, then Monday after the weekend)
    expect((await handle.query(complaintStateQuery)).firstResponseOnTime).toBe(true);
    await sleepUntil(escalation + MINUTE);
    const view = await handle.query(complaintStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([
      ['handlingWarning', 'warning', friday + 6 * DAY + 9 * HOUR], ['handlingOverdue', 'yellow', deadline], ['escalated', 'red', escalation],
    ]);
    expect(view.level).toBe('red');
    const concludedAt = await env.currentTimeMs();
    await handle.executeUpdate(concludeComplaintUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, result: 'settled by the office', finding: 'partly-substantiated' }] });
    await sleepUntil(concludedAt + 15 * DAY + MINUTE);
    const result = (await handle.result()) as ComplaintResult;
    expect(result).toMatchObject({ conclusion: { onTime: false, finding: 'partly-substantiated' }, rating: null });
    const doc = await complaintModel(db).findById(input.complaintNo).lean();
    expect(doc).toMatchObject({ handledOnTime: false, rating: null, department: null, level: 'red' });
  });
});
