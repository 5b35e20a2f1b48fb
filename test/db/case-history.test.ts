import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isFerretDb } from '../../db/guarded-write';
import { caseEventModel } from '../../db/models/case-event';
import { caseEventsOf, oversightEventsOf } from '../../db/queries/case-history';

/**
 * The case page, the public progress and an appeal's evidence read one case's events. On
 * FerretDB a filter on `caseNo` reads every event of every case, the largest collection there
 * is, so the events are read by their `_id`s (`<caseNo>:<seq>`).
 */
describe("a case's events", () => {
  let db: mongoose.Connection;
  const filters: unknown[] = [];
  const events = (caseNo: string, n: number) => Array.from({ length: n }, (_, i) => ({
    _id: `${caseNo}:${i + 1}`, caseNo, seq: i + 1, type: i === 0 ? 'submitted' : 'stepStarted', at: new Date(Date.UTC(2026, 11, 1) + i * 60_000),
    summary: `event ${i + 1}`, nodeId: null, actorId: null, payload: {}, recordedAt: new Date(),
  }));

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/case-history-${randomUUID().slice(0, 8)}`)).asPromise();
    await db.collection('case_events').insertMany([...events('SL-A', 40), ...events('SL-B', 5)] as never[]);
    // A follow-up's events are journalled under the case's number; its anomaly's under the anomaly's id.
    const oversight = (subject: string, subjectId: string, n: number) => Array.from({ length: n }, (_, i) => ({
      _id: `${subjectId}:${i + 1}`, subject, subjectId, seq: i + 1, type: 'opened', at: new Date(Date.UTC(2026, 11, 1) + i * 60_000),
      summary: `${subject} ${i + 1}`, actorId: null, payload: {}, recordedAt: new Date(),
    }));
    await db.collection('oversight_events').insertMany([
      ...oversight('supervision-order', 'DB-1', 23), ...oversight('follow-up', 'SL-A', 3), ...oversight('anomaly', 'SL-A:anomaly:1', 2),
    ] as never[]);
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      if ((collection === 'case_events' || collection === 'oversight_events') && method.startsWith('find')) filters.push(filter);
    });
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
  });

  it('reads them in order, those recorded after the read model too, by _id on FerretDB', async () => {
    filters.length = 0;
    const read = await caseEventsOf(db, 'SL-A', 30, 1000);
    expect(read.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    if (await isFerretDb(db)) expect(filters.every((f) => Object.keys(f as object).join() === '_id')).toBe(true);
  });

  it('finds them with no read model yet, stops at the limit, and finds none of an unknown case', async () => {
    expect((await caseEventsOf(db, 'SL-B', 0, 1000)).map((e) => e.summary)).toEqual(['event 1', 'event 2', 'event 3', 'event 4', 'event 5']);
    expect((await caseEventsOf(db, 'SL-A', 40, 12)).map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await caseEventsOf(db, 'SL-NONE', 0, 1000)).toEqual([]);
    expect(await caseEventModel(db).countDocuments({ caseNo: 'SL-A' })).toBe(40);
  });

  it("reads an order's, a follow-up's and an anomaly's events in order, by _id on FerretDB, each only its subject's", async () => {
    filters.length = 0;
    expect((await oversightEventsOf(db, 'supervision-order', 'DB-1', 1000)).map((e) => e.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect((await oversightEventsOf(db, 'follow-up', 'SL-A', 1000)).map((e) => e.summary)).toEqual(['follow-up 1', 'follow-up 2', 'follow-up 3']);
    expect((await oversightEventsOf(db, 'anomaly', 'SL-A:anomaly:1', 1000)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await oversightEventsOf(db, 'complaint', 'DB-1', 1000)).toEqual([]);
    expect(await oversightEventsOf(db, 'supervision-order', 'DB-2', 1000)).toEqual([]);
    if (await isFerretDb(db)) expect(filters.every((f) => Object.keys(f as object).join() === '_id')).toBe(true);
  });
});
