import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consultationWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { consultationModel } from '../../db/models/consultation';
import type { WorkCalendar } from '../../domain/calendar/schema';
import {
  answerConsultationUpdate, CONSULTATION_WORKFLOW_NAME, consultationStateQuery, type ConsultationResult, type ConsultationStartInput,
} from '../../workflows/consultation/contract';
import { startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { actor, DAY, HOUR, key, officer, pinnedWeek, refusalCode, supervisor } from './oversight-harness';

const dept = 'market-supervision';
const MINUTE = 60_000;
const clerk = actor(['clerk'], dept, 'clerk-li');

describe('consultation workflow on the time-skipping server', () => {
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

  async function ask(calendar: WorkCalendar, askedAt: number) {
    const input: ConsultationStartInput = {
      consultationNo: `ZX-${randomUUID().slice(0, 8)}`, queryCode: 'ABCD2345', channel: 'web', asker: { name: '王五' },
      itemCode: 'SC-001', itemName: '食品经营许可', department: dept, question: '个体户申请需要哪些材料?', askedAt, calendar, limits: { answerDays: 2 },
    };
    const handle = await env.client.workflow.start(CONSULTATION_WORKFLOW_NAME, { taskQueue, workflowId: consultationWorkflowId(input.consultationNo), args: [input] });
    return { input, handle };
  }

  // pinnedWeek: Friday F 00:00 (+08:00); Sat, Sun off; Monday F+3 a local holiday; Tue–Fri (F+4…F+7) working.
  it('warns on the last working day and takes an answer in time', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const askedAt = friday + 10 * HOUR;
    await sleepUntil(askedAt);
    const { input, handle } = await ask(calendar, askedAt);
    const deadline = friday + 6 * DAY; // Thursday 00:00: 2 working days from the day after (Tue, Wed) end at 24:00 Wednesday
    const warningAt = friday + 5 * DAY + 9 * HOUR; // Wednesday 09:00: the last working day of the limit
    let view = await handle.query(consultationStateQuery);
    expect(view).toMatchObject({ status: 'open', answerDeadline: deadline, next: { key: 'warning', at: warningAt } });

    expect(await refusalCode(handle.executeUpdate(answerConsultationUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, answer: 'x' }] })))
      .toBe('ROLE_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(answerConsultationUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), answer: 'x' }] })))
      .toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(answerConsultationUpdate, { args: [{ idempotencyKey: key(), actor: clerk, answer: '  ' }] })))
      .toBe('INVALID_ARGUMENT');

    await sleepUntil(warningAt - MINUTE);
    expect((await handle.query(consultationStateQuery)).alerts).toEqual([]);
    await sleepUntil(warningAt + MINUTE);
    view = await handle.query(consultationStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([['warning', 'warning', warningAt]]);
    expect(view.next).toEqual({ key: 'overdue', at: deadline });

    const args = { idempotencyKey: key(), actor: clerk, answer: '营业执照、身份证明和经营场所证明。' };
    const first = await handle.executeUpdate(answerConsultationUpdate, { args: [args] });
    expect(first).toMatchObject({ status: 'answered' });
    expect(await handle.executeUpdate(answerConsultationUpdate, { args: [args] })).toEqual(first);
    const result = (await handle.result()) as ConsultationResult;
    expect(result.answer).toMatchObject({ onTime: true, workingDays: 2, by: { userId: 'clerk-li' } });
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, await handle.fetchHistory(), handle.workflowId);

    const doc = await consultationModel(db).findById(input.consultationNo).lean();
    expect(doc).toMatchObject({ status: 'answered', answeredOnTime: true, level: 'warning', alertCount: 1, department: dept });
  });

  it('alerts an answer overdue at 24:00 of the last working day and escalates two working days later', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const askedAt = friday + 16 * HOUR;
    await sleepUntil(askedAt);
    const { input, handle } = await ask(calendar, askedAt);
    const deadline = friday + 6 * DAY; // Thursday 00:00, as above (the hour of asking does not matter)
    const escalation = friday + 8 * DAY; // Saturday 00:00: 2 + 2 working days (Tue, Wed, Thu, Fri)
    await sleepUntil(deadline - MINUTE);
    expect((await handle.query(consultationStateQuery)).alerts.map((a) => a.key)).toEqual(['warning']);
    await sleepUntil(deadline + MINUTE);
    let view = await handle.query(consultationStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([['warning', 'warning', friday + 5 * DAY + 9 * HOUR], ['overdue', 'yellow', deadline]]);
    expect(view).toMatchObject({ level: 'yellow', next: { key: 'escalated', at: escalation } });
    await sleepUntil(escalation + MINUTE);
    view = await handle.query(consultationStateQuery);
    expect(view.alerts.map((a) => [a.key, a.level, a.thresholdAt]).at(-1)).toEqual(['escalated', 'red', escalation]);

    await handle.executeUpdate(answerConsultationUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), answer: '请携带营业执照到窗口办理。' }] });
    const result = (await handle.result()) as ConsultationResult;
    expect(result.answer).toMatchObject({ onTime: false, workingDays: 4 }); // Tue, Wed, Thu, Fri

    const alerts = await alertModel(db).find({ subjectId: input.consultationNo }).sort({ thresholdAt: 1 }).lean();
    expect(alerts.map((a) => a.kind)).toEqual(['consultationWarning', 'consultationOverdue', 'consultationEscalated']);
    expect(alerts[1]?.audience).toContainEqual({ kind: 'department-head', department: dept });
    expect(await consultationModel(db).findById(input.consultationNo).lean()).toMatchObject({ answeredOnTime: false, level: 'red' });
  });
});
