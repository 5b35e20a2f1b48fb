import { caseWorkflowId } from '../../config/temporal';
import type { Actor } from '../../domain/actor';
import * as contract from '../../workflows/case/contract';
import { urgeSignal } from '../../workflows/case/contract';
import { refused, runWorkflowUpdate } from '../http/workflow-update';
import { loggedEffect } from '../supervision-log/intents';
import { withTemporal } from '../temporal';

/**
 * An urge as a logged effect. A signal has no idempotency of its own, but the case workflow
 * ignores an urge whose id it has, so telling it again under the same urge id changes nothing.
 */
export const caseUrge = loggedEffect({
  action: 'case.urge',
  apply: async (ctx, args: { caseNo: string; urgeId: string; message: string; by: { userId: string; name: string } }) => {
    await withTemporal(ctx, () =>
      ctx.temporal.workflow.getHandle(caseWorkflowId(args.caseNo)).signal(urgeSignal, { id: args.urgeId, by: args.by, message: args.message, at: ctx.now() }),
    );
    return { result: { caseNo: args.caseNo, urgeId: args.urgeId }, target: { kind: 'case', id: args.caseNo }, details: { urgeId: args.urgeId, message: args.message } };
  },
});

/**
 * A supervisor's unlock of a locked flow (流程锁定) as a logged effect: the case's `unlock`
 * update under the intent's id, so applying it again answers the first result, and a refusal
 * (not locked, case ended) leaves nothing logged.
 */
export const caseUnlock = loggedEffect({
  action: 'case.unlock',
  apply: async (ctx, args: { caseNo: string; reason: string; actor: Actor }, intent) => {
    const result = await runWorkflowUpdate(ctx, {
      workflowId: caseWorkflowId(args.caseNo), update: contract.unlockUpdate,
      args: { idempotencyKey: `unlock:${intent.id}`, actor: args.actor, reason: args.reason },
      updateId: `unlock:${intent.id}`, refusalOf: contract.refusalOf,
      ended: () => refused({ code: 'CASE_CONCLUDED', reason: 'The case has ended; it has no flow to unlock.' }),
    });
    return {
      result: { caseNo: args.caseNo, eventSeq: result.eventSeq, at: new Date(result.at).toISOString(), status: result.status },
      target: { kind: 'case', id: args.caseNo }, details: { reason: args.reason, eventSeq: result.eventSeq },
    };
  },
});
