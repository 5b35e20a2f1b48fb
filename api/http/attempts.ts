import { createHash, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { limitAttemptModel } from '../../db/models/limit-attempt';
import { ApiError } from './errors';

/** A limit on one kind of attempt: at most `limit` per key within `windowMs`. */
export interface Limit {
  /** Names the limit in keys and headers, e.g. `login-user`. */
  name: string;
  limit: number;
  windowMs: number;
  /** The refusal's words, e.g. 'failed sign-ins for this username'. */
  what: string;
}

/** An attempt counted under its limits; `release` uncounts it (a success where only failures count). */
export interface Attempt {
  release(): Promise<void>;
}

const STAMP_DIGITS = 15;
const CLEANUP_EVERY_MS = 60_000;
const lastCleanup = new WeakMap<Connection, number>();

function prefix(limit: Limit, key: string): string {
  return `${createHash('sha256').update(`${limit.name}\0${key}`).digest('base64url').slice(0, 32)}:`;
}

function stamp(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(STAMP_DIGITS, '0');
}

/** The `_id` range of a key's attempts from `from` on. */
function range(limit: Limit, key: string, from: number) {
  const p = prefix(limit, key);
  return { $gte: `${p}${stamp(from)}`, $lt: `${p};` };
}

/**
 * Counts an attempt under each of its limits, kept in the database so every API process
 * shares them. The attempt is inserted first and then counted, so concurrent attempts cannot
 * all pass a check made before any of them was recorded; over any limit the attempt is
 * taken back and the caller gets 429 with `Retry-After` (when the oldest counted attempt
 * leaves the window).
 */
export async function countAttempt(db: Connection, now: number, checks: { limit: Limit; key: string }[]): Promise<Attempt> {
  const attempts = limitAttemptModel(db);
  void cleanUp(db, now, checks);
  const ids = checks.map(({ limit, key }) => `${prefix(limit, key)}${stamp(now)}:${randomUUID()}`);
  // create, not insertMany: with the database unreachable, mongoose's insertMany throws outside the promise.
  await attempts.create(checks.map(({ limit }, i) => ({ _id: ids[i], expiresAt: new Date(now + limit.windowMs) })));
  const release = async () => {
    await attempts.deleteMany({ _id: { $in: ids } });
  };
  for (const { limit, key } of checks) {
    const window = range(limit, key, now - limit.windowMs);
    if ((await attempts.countDocuments({ _id: window })) <= limit.limit) continue;
    await release();
    const oldest = await attempts.findOne({ _id: window }, { _id: 1 }).sort({ _id: 1 }).lean();
    const since = oldest ? Number(oldest._id.slice(prefix(limit, key).length, prefix(limit, key).length + STAMP_DIGITS)) : now;
    const retryAfter = Math.max(1, Math.ceil((since + limit.windowMs - now) / 1000));
    throw new ApiError(429, 'rate-limited', 'Too many requests',
      `At most ${limit.limit} ${limit.what} per ${Math.round(limit.windowMs / 60_000)} minutes; retry later.`,
      { headers: { 'Retry-After': String(retryAfter) } });
  }
  return { release };
}

/** Forgets a key's attempts, e.g. a username's failed sign-ins after it signed in. */
export async function forgetAttempts(db: Connection, limit: Limit, key: string): Promise<void> {
  await limitAttemptModel(db).deleteMany({ _id: range(limit, key, 0) });
}

/** At most once a minute per connection, deletes attempts no window counts any more. */
async function cleanUp(db: Connection, now: number, checks: unknown[]): Promise<void> {
  if (checks.length === 0 || (lastCleanup.get(db) ?? 0) > now - CLEANUP_EVERY_MS) return;
  lastCleanup.set(db, now);
  // A failed clean-up loses nothing: expired attempts no longer count, and the next one deletes them.
  await limitAttemptModel(db).deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
}
