import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { supervisionOrderWorkflowId } from '../../config/temporal';
import { caseRollupModel } from '../../db/models/case-rollup';
import { addInto, type Counts } from '../../domain/statistics/counters';
import {
  answerOrderUpdate, concludeOrderUpdate, SUPERVISION_ORDER_WORKFLOW_NAME, type SupervisionOrderStartInput,
} from '../../workflows/oversight/order-contract';
import { caseWorker, startCaseTestServer } from './harness';
import { HOUR, key, officer, pinnedWeek, supervisor } from './oversight-harness';

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
});
