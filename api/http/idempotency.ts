import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Request } from 'express';
import type { ApiContext } from '../context';
import { badRequest, conflict, unprocessable } from './errors';
import { claimCreation, finishCreation, releaseCreation } from '../../db/queries/creation-claims';
import { reservedNumbers, type NumberClaim } from '../../db/queries/numbering';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** The header of an action: required, so that a retried action is never applied twice. */
export const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Unique per intended action; a repeated key answers the first result and changes nothing',
  schema: { type: 'string', pattern: KEY.source },
} as const;

/** The header of a creation: optional, a client that never retries may leave it out. */
export const optionalIdempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Optional, unique per intended creation: a repeated key answers the first result and creates nothing',
  schema: { type: 'string', pattern: KEY.source },
} as const;

/** The request's key, or a 400 naming the header when it is missing or malformed. */
export function idempotencyKeyOf(value: string | undefined): string {
  if (value === undefined || !KEY.test(value)) {
    throw badRequest('Send an Idempotency-Key header (8–128 of A–Z a–z 0–9 _ . : -).', [
      { in: 'header', pointer: '/Idempotency-Key', detail: value === undefined ? 'is required' : 'is invalid' },
    ]);
  }
  return value;
}

/** The request's key where the route takes one optionally: none when absent, a 400 naming the header when malformed. */
export function optionalIdempotencyKeyOf(req: Pick<Request, 'get'>): string | undefined {
  const given = req.get('idempotency-key');
  return given === undefined ? undefined : idempotencyKeyOf(given);
}

/**
 * Creates once per idempotency key (when the request has one): the key is claimed first, so
 * a concurrent repeat answers 409 rather than creating a second case, order or complaint, and
 * the first answer is kept for later repeats. A failed creation releases the key; a claim
 * left pending longer than its lease (`CLAIM_LEASE_MS`) is taken over. `create` gets the claim's
 * reserved numbers for `startUnderNewNumber`, so a retry reuses the number of the try before.
 * The key is bound to the request's body: the same key with another body answers 422.
 */
export async function createOnce<T>(
  ctx: ApiContext, req: Request, scope: string, create: (numbers: NumberClaim | undefined) => Promise<T>,
): Promise<T> {
  const given = req.get('idempotency-key');
  if (given === undefined) return create(undefined);
  const id = `${scope}:${idempotencyKeyOf(given)}`;
  const bodyHash = createHash('sha256').update(canonicalize(req.body ?? null) ?? '').digest('hex');
  const claim = await claimCreation(ctx.db, id, new Date(ctx.now()), bodyHash);
  if (claim.state === 'other-body') throw unprocessable('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
  if (claim.state === 'done') return claim.result as T;
  if (claim.state === 'held') {
    throw conflict('request-in-progress', 'A request with this Idempotency-Key is still being processed; repeat it in a moment.');
  }
  let result: T;
  try {
    result = await create(reservedNumbers(ctx.db, id, ctx.now));
  } catch (error) {
    await releaseCreation(ctx.db, id);
    throw error;
  }
  await finishCreation(ctx.db, id, result);
  return result;
}
