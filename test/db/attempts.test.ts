import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countAttempt, forgetAttempts, sliceNameAt, type Limit } from '../../api/http/attempts';
import { ApiError } from '../../api/http/errors';
import { limitAttemptModel } from '../../db/models/limit-attempt';

const SLICE = 10_000;
const limitOf = (limit: number): Limit => ({ name: `t-${randomUUID().slice(0, 8)}`, limit, windowMs: 6 * SLICE, what: 'tries' });

/** The status and Retry-After of one attempt. */
async function attempt(db: mongoose.Connection, limit: Limit, key: string, now: number): Promise<number | string> {
  try {
    await countAttempt(db, now, [{ limit, key }]);
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) return Number(error.headers?.['Retry-After']);
    throw error;
  }
}

/**
 * The rate limits are counted in the database, shared by every API process. On FerretDB any
 * filter but `_id` equality reads every attempt of every key, so a count over a range grew
 * with the attempts of all addresses (about 1 s at 20,000): an attacker spreading failed
 * look-ups over many addresses made each request slower than the last.
 */
describe('rate-limit attempts, counted by _id', () => {
  let db: mongoose.Connection;
  const t0 = Math.floor(Date.now() / SLICE) * SLICE + SLICE / 2;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/attempts-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('reads and writes every attempt by _id alone, however many other keys have attempts', async () => {
    const limit = limitOf(5);
    for (let i = 0; i < 30; i++) await attempt(db, limit, `198.51.100.${i}`, t0);
    const filters: unknown[] = [];
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'limit_attempts' && !method.startsWith('insert')) filters.push(filter);
    });
    try {
      expect(await attempt(db, limit, '203.0.113.1', t0)).toBe('ok');
      await forgetAttempts(db, limit, '203.0.113.1', t0);
    } finally {
      db.set('debug', false);
    }
    expect(filters.length).toBeGreaterThan(0);
    const notById = filters.filter((f) => typeof (f as { _id?: unknown } | null)?._id !== 'string' || Object.keys(f as object).length !== 1);
    expect(notById).toEqual([]);
  });

  it('lets no more than the limit through within the window, and answers when the oldest leave it', async () => {
    const limit = limitOf(3);
    const key = 'a';
    expect([await attempt(db, limit, key, t0), await attempt(db, limit, key, t0 + 1), await attempt(db, limit, key, t0 + 2)]).toEqual(['ok', 'ok', 'ok']);
    // The three leave the window with the slice they are in: 5 s after t0, then 60 s.
    expect(await attempt(db, limit, key, t0 + 3)).toBe(Math.ceil((SLICE / 2 + 6 * SLICE - 3) / 1000));
    expect(await attempt(db, limit, key, t0 + 6 * SLICE - 1)).toBeTypeOf('number');
    expect(await attempt(db, limit, key, t0 + 6 * SLICE + SLICE / 2)).toBe('ok');
    expect(await attempt(db, limit, key, t0 + 7 * SLICE)).toBe('ok');
    expect(await attempt(db, limit, key, t0 + 8 * SLICE)).toBe('ok');
    // Full again: the two of the slice starting 6.5 slices after t0 leave it 6 slices after its end.
    expect(await attempt(db, limit, key, t0 + 9 * SLICE)).toBe((13.5 - 9) * SLICE / 1000);
  });

  it('takes back a released attempt and forgets a cleared key', async () => {
    const limit = limitOf(1);
    const first = await countAttempt(db, t0, [{ limit, key: 'r' }]);
    expect(await attempt(db, limit, 'r', t0 + 1)).toBeTypeOf('number');
    await first.release();
    await first.release();
    expect(await attempt(db, limit, 'r', t0 + 2)).toBe('ok');
    expect(await attempt(db, limit, 'r', t0 + 3)).toBeTypeOf('number');
    await forgetAttempts(db, limit, 'r', t0 + SLICE);
    expect(await attempt(db, limit, 'r', t0 + SLICE + 1)).toBe('ok');
    expect(await attempt(db, limit, 'r', t0 + SLICE + 2)).toBeTypeOf('number');
  });

  it('counts every release when the releases\' hint lags (an update lost between two releases on FerretDB)', async () => {
    const limit = limitOf(5);
    const now = t0 + 50;
    const passed = [];
    for (let i = 0; i < 5; i++) passed.push(await countAttempt(db, now + i, [{ limit, key: 'lag' }]));
    await passed[0]?.release();
    await passed[1]?.release();
    // Two releases at once on FerretDB may each read the hint before the other's $max lands: the last write leaves 1.
    const hint = `${sliceNameAt(limit, 'lag', now)}~`;
    expect((await limitAttemptModel(db).updateOne({ _id: hint }, { $set: { seq: 1 } })).matchedCount).toBe(1);
    expect(await attempt(db, limit, 'lag', now + 10)).toBe('ok');
    expect(await attempt(db, limit, 'lag', now + 11)).toBe('ok');
    expect(await attempt(db, limit, 'lag', now + 12)).toBeTypeOf('number');
  });

  it('holds under concurrent attempts: none beyond the limit passes', async () => {
    const limit = limitOf(5);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(db, limit, 'burst', t0 + i)));
    const passed = answers.filter((a) => a === 'ok').length;
    // Each is recorded before it is counted: a burst may be refused early, never let through beyond the limit.
    expect(passed).toBeLessThanOrEqual(5);
    // Those refused were taken back: after the burst only those that passed count.
    const after: (number | string)[] = [];
    for (let i = 0; i < 6 - passed; i++) after.push(await attempt(db, limit, 'burst', t0 + 100 + i));
    expect(after.slice(0, 5 - passed).every((a) => a === 'ok')).toBe(true);
    expect(after.at(-1)).toBeTypeOf('number');
  });
});
