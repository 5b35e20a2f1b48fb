import type { Request } from 'express';
import { creationRequestModel, type CreationRequestDoc } from '../../db/models/creation-request';
import type { ApiContext } from '../context';
import { conflict } from '../http/errors';
import { reservedNumbers, type NumberClaim } from '../http/numbering';
import { idempotencyKeyOf } from './oversight-update';
import { isDuplicateKey } from '../../db/errors';

/**
 * How long a pending claim holds its key. A creation takes seconds; a claim still pending
 * after two minutes was left by a process that died between claiming and answering, and
 * the next request with the key takes it over.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

export const optionalIdempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Optional, unique per intended creation: a repeated key answers the first result and creates nothing',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
} as const;

/**
 * Takes over a claim whose lease has run out. On FerretDB two takers may both get it (its
 * updates are not isolated); that is safe: both start under the claim's reserved numbers, so
 * Temporal lets one workflow through and the other finds it and answers its creation.
 */
async function takeOver(ctx: ApiContext, earlier: CreationRequestDoc & { _id: string }, now: Date): Promise<boolean> {
  const claimedAt = earlier.claimedAt ?? earlier.createdAt;
  if (now.getTime() - claimedAt.getTime() < CLAIM_LEASE_MS) return false;
  const { modifiedCount } = await creationRequestModel(ctx.db).updateOne(
    { _id: earlier._id, status: 'pending', claimedAt: earlier.claimedAt ?? null },
    { $set: { claimedAt: now } },
  );
  return modifiedCount > 0;
}

/**
 * Creates once per idempotency key (when the request has one): the key is claimed first, so
 * a concurrent repeat answers 409 rather than creating a second order or complaint, and the
 * first answer is kept for later repeats. A failed creation releases the key; a claim left
 * pending longer than {@link CLAIM_LEASE_MS} is taken over. `create` gets the claim's
 * reserved numbers for `startUnderNewNumber`, so a retry reuses the number of the try before.
 */
export async function createOnce<T>(
  ctx: ApiContext, req: Request, scope: string, create: (numbers: NumberClaim | undefined) => Promise<T>,
): Promise<T> {
  const given = req.get('idempotency-key');
  if (given === undefined) return create(undefined);
  const _id = `${scope}:${idempotencyKeyOf(given)}`;
  const Requests = creationRequestModel(ctx.db);
  const now = new Date(ctx.now());
  try {
    await Requests.create({ _id, status: 'pending', createdAt: now, claimedAt: now });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const earlier = await Requests.findById(_id).lean();
    if (earlier?.status === 'done') return earlier.result as T;
    if (!earlier || !(await takeOver(ctx, earlier, now))) {
      throw conflict('request-in-progress', 'A request with this Idempotency-Key is still being processed; repeat it in a moment.');
    }
  }
  let result: T;
  try {
    result = await create(reservedNumbers(ctx.db, _id, ctx.now));
  } catch (error) {
    await Requests.deleteOne({ _id, status: 'pending' });
    throw error;
  }
  await Requests.updateOne({ _id }, { $set: { status: 'done', result } });
  return result;
}
