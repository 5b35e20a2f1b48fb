import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { oversightRefusalOf, type OversightActionBase } from '../../workflows/shared/refusal';
import type { SupervisionLogAction } from '../../domain/records/supervision-log';
import type { ApiContext } from '../context';
import type { LogTarget } from '../supervision-log/chain';
import { loggedEffect, type LoggedEffect } from '../supervision-log/intents';
import { withTemporal } from '../temporal';
import { ApiError, conflict } from './errors';
import { timed } from './timing';

/** A workflow validator's refusal: a stable code and a reason for people. */
export interface Refusal {
  code: string;
  reason: string;
}

const RIGHTS = new Set(['ROLE_NOT_ALLOWED', 'DEPARTMENT_NOT_ALLOWED']);
const INPUT = new Set(['INVALID_ARGUMENT', 'IDEMPOTENCY_KEY_REUSED']);

/** Whether the actor had no right to the action (403), as opposed to a bad input or a wrong moment. */
export const outsideRights = (refusal: Refusal) => RIGHTS.has(refusal.code);

/** The answer to a refusal: 403 outside the actor's rights, 422 for bad input, else 409; `code` and `reason` say why. */
export function refused(refusal: Refusal): ApiError {
  const status = outsideRights(refusal) ? 403 : INPUT.has(refusal.code) ? 422 : 409;
  return new ApiError(status, refusal.code, 'Action refused', refusal.reason, { extensions: { reason: refusal.reason } });
}

export const refusalResponses = {
  403: { description: 'Refused: outside the caller\'s role or department (`code`)' },
  409: { description: 'Refused in the current state: `code` and `reason` say why' },
  422: { description: 'Refused: invalid arguments or a key reused for another action' },
} as const;

export interface WorkflowUpdateCall<A, R> {
  workflowId: string;
  update: UpdateDefinition<R, [A]>;
  args: A;
  /** Temporal's update id: a repeat under it answers the first result. */
  updateId: string;
  /** The workflow family's refusal inside an update failure, if it is one. */
  refusalOf: (error: unknown) => Refusal | undefined;
  /** What a workflow that has ended answers. */
  ended: () => ApiError;
  /** Called with a refusal before it is answered (e.g. to record an attempt outside the actor's rights). */
  onRefusal?: (refusal: Refusal) => Promise<void>;
}

/**
 * Runs an action as a workflow update and maps its refusal or the workflow's end to the API's
 * errors. An update not answered in time is left as it is: it may still be carried out, so it
 * is no refusal (a logged action keeps its intent pending), and the error handler answers it
 * 503 `action-pending` (api/http/problem.ts).
 */
export async function runWorkflowUpdate<A, R>(ctx: ApiContext, call: WorkflowUpdateCall<A, R>): Promise<R> {
  try {
    return await timed('update', () => withTemporal(ctx, () =>
      ctx.temporal.workflow.getHandle(call.workflowId).executeUpdate(call.update, { args: [call.args], updateId: call.updateId }),
    ));
  } catch (err) {
    const refusal = err instanceof WorkflowUpdateFailedError ? call.refusalOf(err) : undefined;
    if (refusal) {
      await call.onRefusal?.(refusal);
      throw refused(refusal);
    }
    if (err instanceof WorkflowNotFoundError || /already completed|not found/i.test((err as Error).message)) throw call.ended();
    throw err;
  }
}

/**
 * Runs an order or complaint action; the key, scoped to the user, is both the workflow's
 * idempotency key and Temporal's update id. A workflow that has ended answers 409 `closed.code`.
 */
export function runOversightUpdate<A extends OversightActionBase, R>(
  ctx: ApiContext, workflowId: string, update: UpdateDefinition<R, [A]>, args: Omit<A, 'idempotencyKey'>, key: string,
  closed: { code: string; detail: string },
): Promise<R> {
  const idempotencyKey = `${args.actor.userId}:${key}`;
  return runWorkflowUpdate(ctx, {
    workflowId, update, args: { ...args, idempotencyKey } as A, updateId: idempotencyKey,
    refusalOf: oversightRefusalOf, ended: () => conflict(closed.code, closed.detail),
  });
}

/** An order or complaint action as a logged effect: its arguments, and whether and what to record. */
export interface OversightEffectArgs<A> {
  workflowId: string;
  args: Omit<A, 'idempotencyKey'>;
  key: string;
  target: LogTarget;
  /** Undefined when this caller's action is not logged (e.g. a department officer's answer). */
  details?: Record<string, unknown>;
}

/**
 * Declares an order or complaint action as a logged effect: the workflow update runs under
 * the caller's key, so applying it again answers the first result and changes nothing. Each
 * accepted request is recorded, a replay too, recognisable by the key in its details.
 */
export function oversightEffect<A extends OversightActionBase, R>(
  action: SupervisionLogAction, update: UpdateDefinition<R, [A]>, closed: { code: string; detail: string },
): LoggedEffect<OversightEffectArgs<A>, R> {
  return loggedEffect({
    action,
    apply: async (ctx, a: OversightEffectArgs<A>) => {
      const result = await runOversightUpdate(ctx, a.workflowId, update, a.args, a.key, closed);
      return a.details === undefined ? { result, log: false as const } : { result, target: a.target, details: a.details };
    },
  });
}
