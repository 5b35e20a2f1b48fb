import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFactModel } from '../../db/models/case-fact';
import * as c from '../../workflows/case/contract';
import { RULE_SETS } from '../../workflows/case/rules';
import { actOn, caseInput, clerk, fixtureDefinition, startCaseWorkerStack, type CaseWorkerStack } from './harness';

const DAY = 86_400_000;
const dept = 'health-commission';

describe('claim (签收) in the case workflow', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  it('keeps the claim on the step, charges its overdue and the cards to the claimer, and lets go of it when the step is done', async () => {
    const input = caseInput(fixtureDefinition('sequential-licence'), await env.currentTimeMs());
    const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(h);
    const a = clerk('undertaker', dept, 'clerk-a');
    const b = clerk('undertaker', dept, 'clerk-b');
    await act(c.acceptUpdate, { actor: clerk('acceptor', dept) });
    await act(c.claimUpdate, { actor: b });
    await act(c.releaseUpdate, { actor: b });
    const claimed = await act(c.claimUpdate, { actor: a, nodeId: 'undertake' });
    // A second claim by the same clerk changes nothing.
    expect((await act(c.claimUpdate, { actor: a })).eventSeq).toBe(claimed.eventSeq);
    await expect(act(c.claimUpdate, { actor: b })).rejects.toThrow();
    const view = await h.query(c.caseStateQuery);
    expect(view.position[0]?.claim).toEqual({ userId: 'clerk-a', at: claimed.at });

    // Left to run: the step goes overdue, then the yellow and red cards fall while it is still open.
    await env.sleep(25 * DAY);
    const facts = await caseFactModel(stack.db).find({ caseNo: input.caseNo }).lean();
    for (const counter of ['stepsOverdue', 'yellowCards', 'redCards']) {
      expect(facts.find((f) => f.counter === counter)?.holder).toMatchObject({ nodeId: 'undertake', position: 'undertaker', userId: 'clerk-a' });
    }
    await act(c.unlockUpdate, { actor: { userId: 'inspector', roles: ['supervisor'], positions: [], department: null }, reason: '核实后解锁' });
    await act(c.completeStepUpdate, { actor: a, action: 'complete' });
    expect((await h.query(c.caseStateQuery)).position.map((p) => p.claim)).toEqual([undefined]);
    await act(c.completeStepUpdate, { actor: clerk('reviewer', dept), action: 'complete' });
    await act(c.completeStepUpdate, { actor: clerk('approver', dept), action: 'approve' });
    await act(c.concludeUpdate, { actor: clerk('acceptor', dept) });
    expect((await h.result()).outcome).toBe('approved');
  });

  it('is one of the rules a new case adopts under one patch marker (the SDK upserts a search attribute with each marker)', async () => {
    const input = caseInput(fixtureDefinition('sequential-licence'), await env.currentTimeMs());
    const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(h);
    await act(c.acceptUpdate, { actor: clerk('acceptor', dept) });
    // A case that did not adopt the claim refuses it.
    await act(c.claimUpdate, { actor: clerk('undertaker', dept, 'clerk-a') });
    expect((await h.query(c.caseStateQuery)).position[0]?.claim?.userId).toBe('clerk-a');

    const events = (await h.fetchHistory()).events ?? [];
    const patches = events.flatMap((e) => {
      const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      return data ? [(JSON.parse(Buffer.from(data).toString()) as { id: string }).id] : [];
    });
    // Nor does an action, the acceptance or the claim, add a marker for a change of the code.
    expect(patches).toEqual([RULE_SETS[0]?.id]);
  });
});
