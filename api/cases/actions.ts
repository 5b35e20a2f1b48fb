import type { UpdateDefinition } from '@temporalio/common';
import { caseWorkflowId } from '../../config/temporal';
import * as contract from '../../workflows/case/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import type { Principal } from '../http/principal';
import { timed } from '../http/timing';
import { outsideRights, refused, runWorkflowUpdate } from '../http/workflow-update';
import { canSee, caseNotFound, findCaseToAct, type CaseRecord } from './access';
import { recordRefusedAttempt, recordUnseenAttempt } from './outside-rights';
import type { actionBodies } from './schema';

export type ActionName = keyof typeof actionBodies;

/** Each clerk action's workflow update; the body's fields are its arguments besides the key and the actor. */
const UPDATES: Record<ActionName, UpdateDefinition<contract.ActionResult, [contract.ActionBase]>> = {
  accept: contract.acceptUpdate,
  refuse: contract.refuseUpdate,
  'supplement-notice': contract.supplementNoticeUpdate,
  'supplement-received': contract.supplementReceivedUpdate,
  'complete-step': contract.completeStepUpdate,
  'start-special-procedure': contract.startSpecialProcedureUpdate,
  'end-special-procedure': contract.endSpecialProcedureUpdate,
  suspend: contract.suspendUpdate,
  resume: contract.resumeUpdate,
  terminate: contract.terminateUpdate,
  conclude: contract.concludeUpdate,
  claim: contract.claimUpdate,
  release: contract.releaseUpdate,
};

export const ACTION_NAMES = Object.keys(UPDATES) as ActionName[];

/**
 * Runs one clerk action as a workflow update. The workflow's validator refuses it with a
 * code and reason (409, or 403 outside the actor's rights, recorded as an anomaly); the
 * idempotency key, scoped to the user, makes a repeated request answer the first result.
 */
export async function runAction(
  ctx: ApiContext, caseNo: string, action: ActionName, body: object, key: string, user: Principal, loaded?: Promise<CaseRecord | null>,
) {
  // `loaded`: the read model, read beside the caller's look-up (the route's prefetch); else read here.
  const ref = await timed('case', () => findCaseToAct(ctx, caseNo, user, loaded));
  if (!ref) throw caseNotFound(caseNo);
  const attempt = { caseNo, itemCode: ref.doc?.itemCode ?? ref.itemCode ?? ref.view?.itemCode ?? 'unknown', action, key };
  if (!canSee(user, ref)) {
    await recordUnseenAttempt(ctx, user, { ...attempt, reason: `a clerk of ${user.department ?? 'no department'} acted on a case of another department` });
    throw caseNotFound(caseNo);
  }
  // The update id names the action too, so a key reused for another action reaches the
  // workflow, which refuses it, instead of the server answering the first update's result.
  const idempotencyKey = `${user.userId}:${key}`;
  const result = await runWorkflowUpdate(ctx, {
    workflowId: caseWorkflowId(caseNo), update: UPDATES[action], args: { ...body, idempotencyKey, actor: actorOf(user) },
    updateId: `${idempotencyKey}:${action}`, refusalOf: contract.refusalOf,
    onRefusal: (refusal) => (outsideRights(refusal) ? recordRefusedAttempt(ctx, user, { ...attempt, reason: refusal.reason }) : Promise.resolve()),
    // Found by its application only, a case whose workflow is not there never started (its start failed).
    ended: () => (ref.doc === null && ref.view === null ? caseNotFound(caseNo) : refused({ code: 'CASE_CONCLUDED', reason: 'The case has ended; it takes no more actions.' })),
  });
  return { ...result, caseNo, idempotencyKey: key, at: new Date(result.at).toISOString() };
}
