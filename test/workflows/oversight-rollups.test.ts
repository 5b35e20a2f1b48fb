import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { complaintWorkflowId, supervisionOrderWorkflowId } from '../../config/temporal';
import { caseRollupModel } from '../../db/models/case-rollup';
import { addInto, type Counts } from '../../domain/statistics/counters';
import {
  COMPLAINT_WORKFLOW_NAME, concludeComplaintUpdate, rateComplaintUpdate, respondComplaintUpdate, transferComplaintUpdate, type ComplaintStartInput,
} from '../../workflows/complaint/contract';
import {
  answerOrderUpdate, concludeOrderUpdate, SUPERVISION_ORDER_WORKFLOW_NAME, type SupervisionOrderStartInput,
} from '../../workflows/supervision-order/contract';
import { caseWorker, startCaseTestServer } from './harness';
import { complainant, HOUR, key, officer, pinnedWeek, supervisor } from './oversight-harness';

const dept = 'market-supervision';

describe('supervision orders in the rollups', () => {
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let worker: Worker;
  let taskQueue: string;
  let running: Promise<void>;
  beforeAll(async () => {
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/oversight-rollups-${randomUUID().slice(0, 8)}`);
    [env, db] = await Promise.all([startCaseTestServer(), mongoose.createConnection(uri).asPromise()]);
    ({ worker, taskQueue } = await caseWorker(env, db));
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    await env?.teardown();
  });

  it('counts an order opened, answered and answered on time as the order workflow records it, once each', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const openedAt = friday + 10 * HOUR;
    await env.sleep(openedAt - (await env.currentTimeMs()));
    const input: SupervisionOrderStartInput = {
      orderId: `DB-${randomUUID().slice(0, 8)}`, subject: { kind: 'case', caseNo: 'ENDED-1' }, itemCode: 'market-licence', department: dept,
      title: '督办', requirement: 'explain the delay', openedBy: { userId: supervisor.userId }, openedAt, responseDays: 2, calendar,
    };
    const handle = await env.client.workflow.start(SUPERVISION_ORDER_WORKFLOW_NAME, { taskQueue, workflowId: supervisionOrderWorkflowId(input.orderId), args: [input] });
    await handle.executeUpdate(answerOrderUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), answer: 'concluded on Monday' }] });
    await handle.executeUpdate(concludeOrderUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, finding: 'substantiated', responsibility: 'individual', measure: 'criticism' }] });
    await handle.result();

    const rows = await caseRollupModel(db).find({ department: dept }).lean();
    const counts: Counts = {};
    for (const row of rows) addInto(counts, row.counts as Counts);
    expect(counts).toMatchObject({ supervisionOrders: 1, supervisionOrdersAnswered: 1, supervisionOrdersAnsweredInTime: 1 });
    expect(rows.flatMap((r) => r.applied).sort()).toEqual([
      `fact:${input.orderId}:answered`, `fact:${input.orderId}:answered-in-time`, `fact:${input.orderId}:opened`,
    ]);
  });

  it('counts a complaint registered, answered within 24 hours, concluded in time, upheld and rated, against the department it was transferred to', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const filedAt = friday + 9 * HOUR;
    await env.sleep(filedAt - (await env.currentTimeMs()));
    const input: ComplaintStartInput = {
      complaintNo: `TS-${randomUUID().slice(0, 8)}`, queryCode: 'ABCD2345', channel: 'web', complainant: { name: '李四' },
      content: 'asked for the same papers twice', about: {}, filedAt, calendar, limits: { firstResponseHours: 24, handlingDays: 3 },
    };
    const handle = await env.client.workflow.start(COMPLAINT_WORKFLOW_NAME, { taskQueue, workflowId: complaintWorkflowId(input.complaintNo), args: [input] });
    await handle.executeUpdate(transferComplaintUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, department: 'tax-bureau' }] });
    await handle.executeUpdate(respondComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), message: 'we called back' }] });
    await handle.executeUpdate(concludeComplaintUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), result: 'retrained', finding: 'partly-substantiated' }] });
    await handle.executeUpdate(rateComplaintUpdate, { args: [{ idempotencyKey: key(), actor: complainant, score: 3 }] });
    await handle.result();

    const rows = await caseRollupModel(db).find({ department: 'tax-bureau' }).lean();
    const counts: Counts = {};
    let satisfaction = 0;
    for (const row of rows) {
      addInto(counts, row.counts as Counts);
      satisfaction += (row.sums as { satisfaction?: number } | undefined)?.satisfaction ?? 0;
    }
    expect(counts).toMatchObject({ complaints: 1, complaintsRespondedInTime: 1, complaintsConcluded: 1, complaintsConcludedInTime: 1, complaintsUpheld: 1, ratings: 1 });
    expect(satisfaction).toBe(3);
    expect(rows.every((r) => r.itemCode === '-')).toBe(true);
  });
});

