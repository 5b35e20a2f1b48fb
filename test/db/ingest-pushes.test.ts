import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isFerretDb } from '../../db/guarded-write';
import { counterModel } from '../../db/models/counter';
import { ingestPushModel } from '../../db/models/external-system';
import { lastPushes, recordPush } from '../../db/queries/ingest-pushes';

/**
 * A system pushes for as long as it reports, one document a push; the administrators' page
 * shows each system's last ten. On FerretDB `{ systemId }` sorted by time read every push of
 * every system, so pushes are numbered per system and the last read by `_id`.
 */
describe("a system's last pushes", () => {
  let db: mongoose.Connection;
  const filters: { collection: string; method: string; filter: unknown }[] = [];
  const answer = (accepted: number) => ({ accepted, duplicates: 0, rejected: 0, failed: 0, results: [] });

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/pushes-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('numbers concurrent pushes of a system and reads the last ten by _id, newest first, also when the hint lags', async () => {
    await Promise.all(Array.from({ length: 15 }, (_, i) => recordPush(db, 'sys-a', Date.now() + i, answer(i))));
    await Promise.all(Array.from({ length: 3 }, (_, i) => recordPush(db, 'sys-b', Date.now() + i, answer(i))));
    db.set('debug', (collection: string, method: string, filter: unknown) => filters.push({ collection, method, filter }));
    try {
      const a = await lastPushes(db, 'sys-a', 10);
      expect(a.map((p) => p._id)).toEqual(Array.from({ length: 10 }, (_, i) => `sys-a:${15 - i}`));
      expect((await lastPushes(db, 'sys-b', 10)).map((p) => p._id)).toEqual(['sys-b:3', 'sys-b:2', 'sys-b:1']);
      if (await isFerretDb(db)) {
        expect(filters.filter((f) => f.method.startsWith('find')).every((f) => Object.keys(f.filter as object).join() === '_id')).toBe(true);
      }
    } finally {
      db.set('debug', false);
    }
    await counterModel(db).updateOne({ _id: 'push:sys-a' }, { $set: { seq: 4 } });
    expect((await lastPushes(db, 'sys-a', 10))[0]?._id).toBe('sys-a:15');
    await recordPush(db, 'sys-a', Date.now(), answer(99));
    expect((await lastPushes(db, 'sys-a', 1)).map((p) => [p._id, p.accepted])).toEqual([['sys-a:16', 99]]);
  });

  it('shows the pushes of a system that has not pushed since the numbering', async () => {
    await ingestPushModel(db).collection.insertMany([1, 2, 3].map((i) => ({
      _id: new mongoose.Types.ObjectId(), systemId: 'sys-old', at: new Date(Date.UTC(2026, 10, i)), accepted: i, duplicates: 0, rejected: 0, failed: 0, refusals: [],
    })) as never[]);
    expect((await lastPushes(db, 'sys-old', 10)).map((p) => p.accepted)).toEqual([3, 2, 1]);
  });
});
