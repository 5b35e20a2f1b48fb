import { caseWorkflowId } from '../../config/temporal';
import { anomalyModel } from '../../db/models/anomaly';
import { isDuplicateKey } from '../../db/errors';
import { nextWithin } from '../../db/models/counter';
import { claimCreation, finishCreation } from '../../db/queries/creation-claims';
import * as contract from '../../workflows/case/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import type { Principal } from '../http/principal';
import { withTemporal } from '../temporal';

/** Attempts on cases the actor may not see recorded per actor and clock hour (UTC); beyond it they are only refused. */
export const OUTSIDE_RIGHTS_PER_HOUR = 20;

export interface Attempt {
  caseNo: string;
  itemCode: string;
  action: string;
  reason: string;
  /** The request's idempotency key: an attempt is recorded once per key. */
  key: string;
}

/** Claims the attempt's key once; a repeated request records nothing more. */
async function firstTry(ctx: ApiContext, user: Principal, key: string): Promise<string | null> {
  const id = `outside-rights:${user.userId}:${key}`;
  const claim = await claimCreation(ctx.db, id, new Date(ctx.now()), '');
  return claim.state === 'claimed' ? id : null;
}

/**
 * An attempt on a case the actor may not see (异常监察): recorded against the actor and the
 * actor's own department, never on the other department's case (whose workflow, rollups and
 * statistics it must not touch), once per idempotency key and at most
 * `OUTSIDE_RIGHTS_PER_HOUR` in a clock hour per actor.
 */
export async function recordUnseenAttempt(ctx: ApiContext, user: Principal, attempt: Attempt): Promise<void> {
  const id = await firstTry(ctx, user, attempt.key);
  if (id === null) return;
  const at = new Date(ctx.now());
  // The hour's quota is a sequence claimed by `_id` (counting the actor's anomalies would read them all on FerretDB).
  const hour = at.toISOString().slice(0, 13);
  if ((await nextWithin(ctx.db, `outside-rights:${user.userId}:${hour}`, OUTSIDE_RIGHTS_PER_HOUR)) !== null) {
    try {
      await anomalyModel(ctx.db).create({
        _id: id, caseNo: attempt.caseNo, itemCode: attempt.itemCode, department: user.department ?? 'none', kind: 'outside-rights',
        at, reason: `${attempt.action}: ${attempt.reason}`, actorId: user.userId,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  await finishCreation(ctx.db, id, null);
}

/** An attempt the case's workflow refused for rights on a case the actor may see: an anomaly of the case, once per key. */
export async function recordRefusedAttempt(ctx: ApiContext, user: Principal, attempt: Attempt): Promise<void> {
  try {
    const id = await firstTry(ctx, user, attempt.key);
    if (id === null) return;
    await withTemporal(ctx, () =>
      ctx.temporal.workflow.getHandle(caseWorkflowId(attempt.caseNo)).signal(contract.actorAnomalySignal, {
        id: `${user.userId}:${attempt.key}`, actor: actorOf(user), attempted: attempt.action, reason: attempt.reason, at: ctx.now(),
      }),
    );
    await finishCreation(ctx.db, id, null);
  } catch (err) {
    ctx.logger.warn({ err, caseNo: attempt.caseNo, attempted: attempt.action }, 'anomaly of a refused attempt not recorded');
  }
}
