import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { counterModel, nextSequence, nextWithin } from '../../db/models/counter';

describe('nextSequence', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/counter-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('never gives a number twice to concurrent callers, and counts on from the last', async () => {
    const first = await Promise.all(Array.from({ length: 30 }, () => nextSequence(db, 'case:20261122')));
    expect(new Set(first).size).toBe(30);
    expect(first.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const more = await Promise.all(Array.from({ length: 10 }, () => nextSequence(db, 'case:20261122')));
    expect(new Set([...first, ...more]).size).toBe(40);
    expect(await nextSequence(db, 'case:20261123')).toBe(1);
  });

  it('gives a quota of numbers to concurrent callers exactly once each, then nothing, writing nothing more', async () => {
    const given = await Promise.all(Array.from({ length: 30 }, () => nextWithin(db, 'quota:u1:2026-12-05T06', 20)));
    expect(given.filter((n) => n !== null).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(given.filter((n) => n === null)).toHaveLength(10);
    const docs = await counterModel(db).countDocuments({ _id: { $regex: '^quota:u1:' } });
    expect(await nextWithin(db, 'quota:u1:2026-12-05T06', 20)).toBeNull();
    expect(await counterModel(db).countDocuments({ _id: { $regex: '^quota:u1:' } })).toBe(docs);
    expect(await nextWithin(db, 'quota:u1:2026-12-05T07', 20)).toBe(1);
  });
});
