import { caseWorkflowId } from '../../config/temporal';
import { urgeSignal } from '../../workflows/case/contract';
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
