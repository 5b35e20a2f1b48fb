import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { guardedDelete } from '../guarded-write';
import { creationRequestModel, type CreationRequestDoc } from '../models/creation-request';

/**
 * How long a pending claim holds its key. A creation takes seconds; a claim still pending
 * after two minutes was left by a process that died between claiming and answering, and
 * the next request with the key takes it over.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** What claiming a creation key found: it is ours now, done before (with its answer), or held by a live request. */
export type CreationClaim = { state: 'claimed' } | { state: 'done'; result: unknown } | { state: 'held' } | { state: 'other-body' };

/**
 * Takes over a claim whose lease has run out. On FerretDB two takers may both get it (its
 * updates are not isolated); that is safe: both start under the claim's reserved numbers, so
 * Temporal lets one workflow through and the other finds it and answers its creation.
 */
async function takeOver(db: Connection, earlier: CreationRequestDoc & { _id: string }, now: Date): Promise<boolean> {
  const claimedAt = earlier.claimedAt ?? earlier.createdAt;
  if (now.getTime() - claimedAt.getTime() < CLAIM_LEASE_MS) return false;
  const { modifiedCount } = await creationRequestModel(db).updateOne(
    { _id: earlier._id, status: 'pending', claimedAt: earlier.claimedAt ?? null },
    { $set: { claimedAt: now } },
  );
  return modifiedCount > 0;
}

/**
 * Claims `<scope>:<key>` with a unique insert, or takes over a claim whose lease ran out.
 * A claim made with another body (`bodyHash`) is not this request's: `other-body`.
 */
export async function claimCreation(db: Connection, id: string, now: Date, bodyHash: string): Promise<CreationClaim> {
  const Requests = creationRequestModel(db);
  try {
    await Requests.create({ _id: id, status: 'pending', createdAt: now, claimedAt: now, bodyHash });
    return { state: 'claimed' };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const earlier = await Requests.findById(id).lean();
  if (earlier?.bodyHash && earlier.bodyHash !== bodyHash) return { state: 'other-body' };
  if (earlier?.status === 'done') return { state: 'done', result: earlier.result };
  return earlier && (await takeOver(db, earlier, now)) ? { state: 'claimed' } : { state: 'held' };
}

/** Keeps the first answer for later repeats. */
export async function finishCreation(db: Connection, id: string, result: unknown): Promise<void> {
  await creationRequestModel(db).updateOne({ _id: id }, { $set: { status: 'done', result } });
}

/** Frees the key of a creation that failed, so that a retry may try again. */
export async function releaseCreation(db: Connection, id: string): Promise<void> {
  await guardedDelete(creationRequestModel(db), id, { filter: { status: 'pending' }, holds: (d) => d?.status === 'pending' });
}
