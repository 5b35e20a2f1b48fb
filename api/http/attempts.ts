import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { nextSequence, takenSoFar, type HintStore } from '../../db/models/counter';
import { limitAttemptModel, type LimitAttemptDoc } from '../../db/models/limit-attempt';
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

const CLEANUP_EVERY_MS = 60_000;
const lastCleanup = new WeakMap<Connection, number>();
/** A window is counted in this many slices, plus the one its start falls in. */
const SLICES = 6;

function prefix(limit: Limit, key: string): string {
  return `${createHash('sha256').update(`${limit.name}\0${key}`).digest('base64url').slice(0, 32)}:`;
}

const sliceMs = (limit: Limit) => Math.max(1, Math.ceil(limit.windowMs / SLICES));
const sliceIndexAt = (limit: Limit, at: number) => Math.floor(at / sliceMs(limit));
const sliceName = (limit: Limit, key: string, index: number) => `${prefix(limit, key)}${index}`;

/** The name of the slice of a key's attempts that `now` falls in: its attempts' sequence (its releases': the name and `~`). */
export function sliceNameAt(limit: Limit, key: string, now: number): string {
  return sliceName(limit, key, sliceIndexAt(limit, now));
}

/**
 * One slice of time of a key's attempts: its attempts and its releases (attempts taken
 * back), each a sequence numbered without gaps (db/models/limit-attempt.ts). Kept until the
 * window no longer reaches it.
 */
class Slice {
  readonly name: string;
  private readonly hints: HintStore<LimitAttemptDoc>;
  constructor(
    private readonly db: Connection,
    limit: Limit, key: string,
    readonly index: number,
  ) {
    this.name = sliceName(limit, key, index);
    this.hints = { model: limitAttemptModel(db), onInsert: { expiresAt: new Date((index + 1) * sliceMs(limit) + limit.windowMs) } };
  }

  /** Takes the next number of a sequence (attempts: `name`, releases: `name~`). */
  private async claim(sequence: string): Promise<void> {
    await nextSequence(this.db, sequence, this.hints);
  }

  private taken(sequence: string): Promise<number> {
    const attempts = limitAttemptModel(this.db);
    return takenSoFar(this.hints, sequence, async (n) => (await attempts.exists({ _id: `${sequence}#${n}` })) !== null);
  }

  count(): Promise<void> {
    return this.claim(this.name);
  }

  release(): Promise<void> {
    return this.claim(`${this.name}~`);
  }

  /** Attempts and releases so far. */
  async taking(): Promise<{ attempts: number; released: number }> {
    // Releases as the attempts: their hint, then onward while the next is taken. The hint alone
    // may lag for good on FerretDB, whose `$max` of two releases at once can leave the lower one
    // (its updates are read-modify-write), and a refused burst then stayed counted.
    const [attempts, released] = await Promise.all([this.taken(this.name), this.taken(`${this.name}~`)]);
    return { attempts, released };
  }
}

/** Where a cleared key starts counting again: the slice it was cleared in, and what that slice held then. */
interface Floor {
  index: number;
  attempts: number;
  released: number;
}

const floorId = (limit: Limit, key: string) => `${prefix(limit, key)}floor`;

/**
 * The attempts of a key that count at `now`: those of the slices the window reaches, the
 * whole slice its start falls in included, past the key's floor.
 */
async function countedSlices(db: Connection, limit: Limit, key: string, now: number): Promise<{ index: number; counted: number }[]> {
  const current = sliceIndexAt(limit, now);
  // The slice the window starts in counts whole: never fewer than the window holds.
  const first = sliceIndexAt(limit, now - limit.windowMs);
  const indices = Array.from({ length: current - first + 1 }, (_, i) => first + i);
  const [floorDoc, slices] = await Promise.all([
    limitAttemptModel(db).findById(floorId(limit, key)).lean(),
    Promise.all(indices.map((index) => new Slice(db, limit, key, index).taking())),
  ]);
  const floor: Floor | null = floorDoc ? { index: floorDoc.slice ?? 0, attempts: floorDoc.attempts ?? 0, released: floorDoc.released ?? 0 } : null;
  return indices.flatMap((index, i) => {
    if (floor !== null && index < floor.index) return [];
    const { attempts, released } = slices[i] as { attempts: number; released: number };
    const base = floor?.index === index ? floor : { attempts: 0, released: 0 };
    return [{ index, counted: Math.max(0, attempts - base.attempts - Math.max(0, released - base.released)) }];
  });
}

/**
 * Counts an attempt under each of its limits, kept in the database so every API process
 * shares them. The attempt is recorded first and then counted, so concurrent attempts cannot
 * all pass a check made before any of them was recorded; over any limit the attempt is
 * taken back and the caller gets 429 with `Retry-After` (when the oldest counted attempts
 * leave the window).
 *
 * A key's attempts are kept in slices of a sixth of the window, each numbered by `_id`, and a
 * window counts every slice it reaches, the one its start falls in whole: never more than the
 * limit within any window, and a refusal lasts at most a slice longer than the oldest counted
 * attempt would make it. Every count is read by `_id`, so it costs the same however many
 * attempts other keys make: on FerretDB a range or any other filter reads every attempt of
 * every key, and an attacker spreading look-ups over many addresses would make each request
 * slower than the last.
 */
export async function countAttempt(db: Connection, now: number, checks: { limit: Limit; key: string }[]): Promise<Attempt> {
  void cleanUp(db, now, checks);
  const slices = checks.map(({ limit, key }) => new Slice(db, limit, key, sliceIndexAt(limit, now)));
  await Promise.all(slices.map((slice) => slice.count()));
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await Promise.all(slices.map((slice) => slice.release()));
  };
  for (const { limit, key } of checks) {
    const counted = await countedSlices(db, limit, key, now);
    if (counted.reduce((sum, s) => sum + s.counted, 0) <= limit.limit) continue;
    await release();
    const retryAfter = Math.max(1, Math.ceil((roomAt(limit, counted) - now) / 1000));
    throw new ApiError(429, 'rate-limited', 'Too many requests',
      `At most ${limit.limit} ${limit.what} per ${Math.round(limit.windowMs / 60_000)} minutes; retry later.`,
      { headers: { 'Retry-After': String(retryAfter) } });
  }
  return { release };
}

/**
 * When one more attempt fits, if none is made meanwhile: once enough of the oldest slices
 * (counted without this attempt, which was taken back) have left the window.
 */
function roomAt(limit: Limit, counted: { index: number; counted: number }[]): number {
  // Counted without this attempt, one more fits once at most `limit - 1` remain.
  let over = counted.reduce((sum, s) => sum + s.counted, 0) - 1 - (limit.limit - 1);
  for (const slice of counted) {
    over -= slice.counted;
    // A slice leaves the window when the window's start passes the slice's end.
    if (over <= 0) return (slice.index + 1) * sliceMs(limit) + limit.windowMs;
  }
  return 0;
}

/**
 * Forgets a key's attempts, e.g. a username's failed sign-ins after it signed in: its floor
 * becomes what its current slice holds now, and earlier slices no longer count. Two at once
 * may leave the earlier floor, which forgets a little less, never more.
 */
export async function forgetAttempts(db: Connection, limit: Limit, key: string, now: number): Promise<void> {
  const slice = sliceIndexAt(limit, now);
  const { attempts, released } = await new Slice(db, limit, key, slice).taking();
  const expiresAt = new Date((slice + 1) * sliceMs(limit) + limit.windowMs);
  await limitAttemptModel(db).updateOne({ _id: floorId(limit, key) }, { $set: { slice, attempts, released, expiresAt } }, { upsert: true });
}

/** At most once a minute per connection, deletes attempts no window counts any more. */
async function cleanUp(db: Connection, now: number, checks: unknown[]): Promise<void> {
  if (checks.length === 0 || (lastCleanup.get(db) ?? 0) > now - CLEANUP_EVERY_MS) return;
  lastCleanup.set(db, now);
  // A failed clean-up loses nothing: expired attempts no longer count, and the next one deletes them.
  await limitAttemptModel(db).deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
}
