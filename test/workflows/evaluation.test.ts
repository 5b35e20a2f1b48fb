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
import { recordedCase } from '../support/case-records';
import { caseFactModel } from '../../db/models/case-fact';
import { caseRollupModel } from '../../db/models/case-rollup';
import { addInto, type Counts, type Sums } from '../../domain/statistics/counters';
import { acceptUpdate, completeStepUpdate, concludeUpdate, CASE_WORKFLOW_NAME } from '../../workflows/case/contract';
import { caseInput, clerk, fixtureDefinition, key, startCaseTestServer } from './harness';

const zone = { utcOffsetMinutes: 480 };

describe('evaluation workflow on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `evaluation-${randomUUID()}`;
  beforeAll(async () => {
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/evaluation-${randomUUID().slice(0, 8)}`);
    [env, db] = await Promise.all([startCaseTestServer(), mongoose.createConnection(uri).asPromise()]);
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
    await recordCaseEvents({ db, utcOffsetMinutes: 480 }, recordedCase({ caseNo: 'E-1', department: 'health', at: now, late: true, cards: ['redCard'], workingDaysUsed: 25 }));
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
    // One case, late and red-carded: on time 0/1 (0 of 30), early 0 (0 of 10), complete (10 of
    // 10), rated 5/5 (20 of 20): 30 of the 70 measured points. Complaints (10 + 5) and orders
    // (15) have nothing to measure and are left out, the rest reweighted to 100: 42.86, less 5
    // for the red card.
    expect(health?.score).toBe(37.86);
    // The case lost the on-time rate's 30 points, reweighted (30 × 100 / 70), and the red card's 5.
    expect(health?.cases).toEqual([expect.objectContaining({ caseNo: 'E-1', points: -47.8571 })]);
    expect(evaluation?.ranking).toEqual([{ department: 'health', score: 37.86, rank: 1 }]);
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

  it('moves the rollups and case facts as a real case, left to run late, records its events', async () => {
    // Left to run late past its red card, with the flow kept open (流程锁定 off) so the clerks can conclude it.
    const fixture = fixtureDefinition('sequential-licence');
    const definition = { ...fixture, item: { ...fixture.item, flowLock: 'never' as const } };
    const input = caseInput(definition, await env.currentTimeMs());
    const dept = definition.item.department;
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await handle.executeUpdate(acceptUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept) }] });
    // Ten promised working days, a yellow card one day later, the red card three after that.
    await env.sleep('40 days');
    for (const [role, action] of [['undertaker', 'complete'], ['reviewer', 'complete'], ['approver', 'approve']] as const) {
      await handle.executeUpdate(completeStepUpdate, { args: [{ idempotencyKey: key(), actor: clerk(role, dept), action }] });
    }
    await handle.executeUpdate(concludeUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept), feeCharged: 0 }] });
    await handle.result();

    const rows = await caseRollupModel(db).find({ department: dept }).lean();
    const counts: Counts = {};
    const sums: Sums = {};
    for (const row of rows) {
      addInto(counts, row.counts as Counts);
      addInto(sums, row.sums as Sums);
    }
    expect(counts).toMatchObject({ submitted: 1, accepted: 1, warnings: 1, yellowCards: 1, redCards: 1, concluded: 1, approved: 1, concludedLate: 1, concludedOnTime: 0, concludedEarly: 0 });
    expect(sums.statutoryDays).toBe(20);
    expect(sums.workingDaysUsed).toBeGreaterThan(20);
    const facts = await caseFactModel(db).find({ caseNo: input.caseNo }).lean();
    expect(facts.map((f) => [f.counter, f.ref ?? null]).sort()).toEqual([
      ['concludedLate', null], ['redCards', `${input.caseNo}:redCard`],
      // The step overdue is charged to the step's own department (here the case's).
      ['stepsOverdue', `${input.caseNo}:stepOverdue:undertake#1`],
      ['warnings', `${input.caseNo}:warning`], ['yellowCards', `${input.caseNo}:yellowCard`],
    ]);
  });
});
