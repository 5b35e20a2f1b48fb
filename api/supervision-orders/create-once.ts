import type { Request } from 'express';
import { creationRequestModel } from '../../db/models/creation-request';
import type { ApiContext } from '../context';
import { conflict } from '../http/errors';
import { idempotencyKeyOf } from './oversight-update';

const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

export const optionalIdempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Optional, unique per intended creation: a repeated key answers the first result and creates nothing',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
} as const;

/**
 * Creates once per idempotency key (when the request has one): the key is claimed first, so
 * a concurrent repeat answers 409 rather than creating a second order or complaint, and the
 * first answer is kept for later repeats. A failed creation releases the key.
 */
export async function createOnce<T>(ctx: ApiContext, req: Request, scope: string, create: () => Promise<T>): Promise<T> {
  const given = req.get('idempotency-key');
  if (given === undefined) return create();
  const _id = `${scope}:${idempotencyKeyOf(given)}`;
  const Requests = creationRequestModel(ctx.db);
  try {
    await Requests.create({ _id, status: 'pending', createdAt: new Date(ctx.now()) });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const earlier = await Requests.findById(_id).lean();
    if (earlier?.status === 'done') return earlier.result as T;
    throw conflict('request-in-progress', 'A request with this Idempotency-Key is still being processed; repeat it in a moment.');
  }
  let result: T;
  try {
    result = await create();
  } catch (error) {
    await Requests.deleteOne({ _id, status: 'pending' });
    throw error;
  }
  await Requests.updateOne({ _id }, { $set: { status: 'done', result } });
  return result;
}
