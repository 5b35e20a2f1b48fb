import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as c from '../../workflows/case/contract';
import { RULE_SETS } from '../../workflows/case/rules';
import { actOn, caseInput, clerk, fixtureDefinition, startCaseWorkerStack, type CaseWorkerStack } from './harness';

const dept = 'health-commission';

describe('the rules a new case adopts', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  it('are recorded by one patch marker (the SDK upserts a search attribute with each), and each is followed', async () => {
    const input = caseInput(fixtureDefinition('sequential-licence'), await env.currentTimeMs());
    const h = await env.client.workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
    const act = actOn(h);
    await act(c.acceptUpdate, { actor: clerk('acceptor', dept) });
    // The claim (签收) is one of the rules: a case that did not adopt it refuses the update.
    const claimer = clerk('undertaker', dept, 'clerk-a');
    await act(c.claimUpdate, { actor: claimer });
    expect((await h.query(c.caseStateQuery)).position[0]?.claim?.userId).toBe('clerk-a');

    const events = (await h.fetchHistory()).events ?? [];
    const patches = events.flatMap((e) => {
      const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
      return data ? [(JSON.parse(Buffer.from(data).toString()) as { id: string }).id] : [];
    });
    const ruleIds = new Set<string>([...RULE_SETS.flatMap((s) => [s.id, ...s.rules])]);
    expect(patches.filter((id) => ruleIds.has(id))).toEqual([RULE_SETS[0]?.id]);
  });
});
