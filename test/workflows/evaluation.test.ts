import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { recordCaseEvents } from '../../activities/record';
import { recordDepartmentFact } from '../../activities/rollups';
import { evaluationModel } from '../../db/models/evaluation';
import { localDateOf, MS_PER_DAY, startOfLocalDate } from '../../domain/calendar/local-date';
import { periodContaining, previousPeriod } from '../../domain/statistics/periods';
import { EVALUATION_WORKFLOW_NAME, type EvaluationRunResult } from '../../workflows/evaluation/contract';
import type { AlertRecord, CaseEventRecord, CaseReadModel } from '../../workflows/case/records';
import { createTimeSkippingEnv } from '../support/time-skipping';

const zone = { utcOffsetMinutes: 480 };

function lateCase(caseNo: string, at: number): { events: CaseEventRecord[]; readModel: CaseReadModel } {
  const red: AlertRecord = {
    id: `${caseNo}:redCard`, caseNo, itemCode: 'lic-1', department: 'health', key: 'redCard', kind: 'redCard', level: 'red',
    thresholdAt: at, raisedAt: at, provisional: false, reason: 'red card', audience: [{ kind: 'supervision-office' }],
  };
  const event = (seq: number, type: string, payload: Record<string, unknown> = {}): CaseEventRecord =>
    ({ id: `${caseNo}:${seq}`, caseNo, seq, type, at, summary: type, payload });
  return {
    events: [event(1, 'submitted'), event(2, 'accepted'), event(3, 'alert', { alert: red }), event(4, 'concluded', { outcome: 'approved' })],
    readModel: {
      caseNo, seq: 4, mode: 'native', definitionId: 'lic-1', definitionVersion: 1, itemCode: 'lic-1', itemName: '许可', category: 'administrative-licence',
      department: 'health', applicantName: 'a', status: 'concluded', outcome: 'approved', alertLevel: 'red', position: [], submittedAt: at,
      acceptedAt: at, concludedAt: at, deadline: at - 1, statutoryDeadline: at - 1, provisional: false, workingDaysUsed: 25, statutoryDays: 20,
      onTime: false, anomalyCount: 0, alertCount: 1, updatedAt: at,
    },
  };
}

describe('evaluation workflow on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `evaluation-${randomUUID()}`;
  beforeAll(async () => {
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/evaluation-${randomUUID().slice(0, 8)}`);
    [env, db] = await Promise.all([createTimeSkippingEnv(), mongoose.createConnection(uri).asPromise()]);
    worker = await Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({ db, logger: pino({ level: 'silent' }) }),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    await env?.teardown();
  });

  it('waits for the month to close — a timer to its last midnight — then scores it', async () => {
    const now = await env.currentTimeMs();
    const month = periodContaining('month', localDateOf(zone, now));
    const monthEnd = startOfLocalDate(zone, month.to) + MS_PER_DAY;
    await recordCaseEvents({ db, utcOffsetMinutes: 480 }, lateCase('E-1', now));
    await recordDepartmentFact(db, { id: 'c-1:rated', at: now, department: 'health', counters: ['ratings'], sums: { satisfaction: 5 } });

    const handle = await env.client.workflow.start(EVALUATION_WORKFLOW_NAME, {
      taskQueue, workflowId: `evaluation-${randomUUID()}`, args: [{ period: month.key, publish: true }],
    });
    expect(await evaluationModel(db).exists({ _id: `efficiency:${month.key}` })).toBeNull();
    const result = (await handle.result()) as EvaluationRunResult;

    expect(result).toMatchObject({ evaluationId: `efficiency:${month.key}`, period: month.key, status: 'published', departments: 1, written: true });
    expect(result.evaluatedAt).toBeGreaterThanOrEqual(monthEnd);
    expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(monthEnd);
    const evaluation = await evaluationModel(db).findById(result.evaluationId).lean();
    const health = evaluation?.departments[0];
    // One case, late and red-carded: on time 0/1 (0 of 30), early 0 (0 of 10), rated 5/5 (20),
    // and full marks for completeness (10), complaints (10 + 5) and orders (15) with nothing to
    // measure: 60, less 5 for the red card.
    expect(health?.score).toBe(55);
    expect(health?.cases).toEqual([expect.objectContaining({ caseNo: 'E-1', points: -35 })]);
    expect(evaluation?.ranking).toEqual([{ department: 'health', score: 55, rank: 1 }]);
  });

  it('evaluates the period that ended last when a schedule starts it without one', async () => {
    const now = await env.currentTimeMs();
    const result = (await env.client.workflow.execute(EVALUATION_WORKFLOW_NAME, {
      taskQueue, workflowId: `evaluation-${randomUUID()}`, args: [{ periodKind: 'quarter' }],
    })) as EvaluationRunResult;
    expect(result.period).toBe(previousPeriod('quarter', localDateOf(zone, now)).key);
    expect(result.status).toBe('draft');
    expect(result.evaluatedAt - now).toBeLessThan(60_000);
  });
});
