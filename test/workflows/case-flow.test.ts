import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '../../db/models/case';
import { caseEventModel } from '../../db/models/case-event';
import {
  acceptUpdate, caseStateQuery, completeStepUpdate, concludeUpdate, CASE_WORKFLOW_NAME, type CaseResult,
} from '../../workflows/case/contract';
import { caseInput, caseWorker, clerk, connectDb, fixtureDefinition, key, startCaseTestServer } from './harness';

const dept = 'health-commission';

describe('case workflow on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let worker: Worker;
  let taskQueue: string;
  let running: Promise<void>;
  beforeAll(async () => {
    [env, db] = await Promise.all([startCaseTestServer(), connectDb()]);
    ({ worker, taskQueue } = await caseWorker(env, db));
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await db?.close();
    await env?.teardown();
  });

  it('runs the happy path of a sequential licence and records it', async () => {
    const definition = fixtureDefinition('sequential-licence');
    const input = caseInput(definition, await env.currentTimeMs());
    const handle = await env.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    await handle.executeUpdate(acceptUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept) }] });
    for (const [role, action] of [['undertaker', 'complete'], ['reviewer', 'complete'], ['approver', 'approve']] as const) {
      await handle.executeUpdate(completeStepUpdate, { args: [{ idempotencyKey: key(), actor: clerk(role, dept), action }] });
    }
    const view = await handle.query(caseStateQuery);
    expect(view.position.map((p) => p.nodeId)).toEqual(['conclude']);
    await handle.executeUpdate(concludeUpdate, { args: [{ idempotencyKey: key(), actor: clerk('acceptor', dept), feeCharged: 0 }] });
    const result = (await handle.result()) as CaseResult;
    expect(result).toMatchObject({ outcome: 'approved', onTime: true, alertLevel: 'normal' });
    const model = await caseModel(db).findById(input.caseNo).lean();
    expect(model).toMatchObject({ status: 'concluded', outcome: 'approved', onTime: true });
    const events = await caseEventModel(db).find({ caseNo: input.caseNo }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('concluded');
  });
});
