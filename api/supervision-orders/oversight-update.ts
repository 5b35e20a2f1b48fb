import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { oversightRefusalOf, type OversightActionBase, type OversightActor, type OversightRefusalCode } from '../../workflows/shared/refusal';
import type { ApiContext } from '../context';
import { ApiError, badRequest, conflict } from '../http/errors';
import type { Principal } from '../http/principal';
import { withTemporal } from '../temporal';

const RIGHTS = new Set<OversightRefusalCode>(['ROLE_NOT_ALLOWED', 'DEPARTMENT_NOT_ALLOWED']);
const INPUT = new Set<OversightRefusalCode>(['INVALID_ARGUMENT', 'IDEMPOTENCY_KEY_REUSED']);
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Unique per intended action; a repeated key answers the first result and changes nothing',
  schema: { type: 'string', pattern: KEY.source },
} as const;

export function idempotencyKeyOf(value: string | undefined): string {
  if (value === undefined || !KEY.test(value)) {
    throw badRequest('Send an Idempotency-Key header (8–128 of A–Z a–z 0–9 _ . : -).', [
      { in: 'header', pointer: '/Idempotency-Key', detail: value === undefined ? 'is required' : 'is invalid' },
    ]);
  }
  return value;
}

export function actorOf(user: Principal): OversightActor {
  return { userId: user.userId, name: user.name, roles: [...user.roles], department: user.department };
}

export const refusalResponses = {
  403: { description: 'Refused: outside the caller\'s role or department (`code`)' },
  409: { description: 'Refused in the current state: `code` and `reason` say why' },
  422: { description: 'Refused: invalid arguments or a key reused for another action' },
} as const;

/**
 * Runs an order or complaint action as a workflow update; the key, scoped to the user, is
 * both the workflow's idempotency key and Temporal's update id. A refusal answers 403, 409
 * or 422 with its stable code; a workflow that has ended answers 409 `closedCode`.
 */
export async function runOversightUpdate<A extends OversightActionBase, R>(
  ctx: ApiContext, workflowId: string, update: UpdateDefinition<R, [A]>, args: Omit<A, 'idempotencyKey'>, key: string,
  closed: { code: string; detail: string },
): Promise<R> {
  const idempotencyKey = `${args.actor.userId}:${key}`;
  try {
    return await withTemporal(ctx, () =>
      ctx.temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [{ ...args, idempotencyKey } as A], updateId: idempotencyKey }),
    );
  } catch (err) {
    const refusal = err instanceof WorkflowUpdateFailedError ? oversightRefusalOf(err) : undefined;
    if (refusal) {
      const status = RIGHTS.has(refusal.code) ? 403 : INPUT.has(refusal.code) ? 422 : 409;
      throw new ApiError(status, refusal.code, 'Action refused', refusal.reason, { extensions: { reason: refusal.reason } });
    }
    if (err instanceof WorkflowNotFoundError) throw conflict(closed.code, closed.detail);
    throw err;
  }
}

/** Keyset cursors over (instant, id), newest first. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'number' && Number.isSafeInteger(at) && typeof id === 'string') return { at: new Date(at), id };
  } catch {
    // answered by the 400 below
  }
  throw badRequest('The cursor is invalid.', [{ in: 'query', pointer: '/cursor', detail: 'is not a cursor this API gave' }]);
}

const INSTANT_KEYS = /(At|Deadline|^at)$/;

/** A workflow view with epoch-millisecond instants as ISO strings. */
export function isoInstants(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => isoInstants(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoInstants(v, k)]));
  if (typeof value === 'number' && INSTANT_KEYS.test(key) && Number.isSafeInteger(value)) return new Date(value).toISOString();
  return value;
}
