import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { isFerretDb } from '../../db/guarded-write';
import { lastOfContiguous } from '../../db/models/counter';
import { noticeModel } from '../../db/models/notice';
import { caseNotices, insertNumbered, noticeListsBuilt, noticeOfIntent, rebuildNoticeLists } from '../../db/queries/notices';

/**
 * Notices on FerretDB, where any filter but `_id` equality reads every notice of every case
 * (the case page's `{ caseNo }` and the "last number of the department's year" and
 * "notice of this action" did): a case's notices are read through its entries and the next
 * number after a hint, all by `_id`, with numbers still without gaps or repeats.
 */
describe('notices by _id', () => {
  let db: mongoose.Connection;
  const filters: { collection: string; method: string; filter: unknown }[] = [];
  const numberOf = (seq: number) => `受字〔2026〕第${seq}号`;
  const notice = (caseNo: string, intent = randomUUID(), department = 'health-commission') => ({
    caseNo, kind: 'acceptance', department, year: 2026, intent, issuedAt: new Date(), issuedBy: { userId: 'u1', name: '办事员' }, content: { caseNo },
  });

  beforeEach(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/notices-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();
    await noticeModel(db).init();
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      filters.push({ collection, method, filter });
    });
  });
  afterEach(async () => {
    filters.length = 0;
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const readsBesidesId = () =>
    filters.filter((f) => f.method !== 'insertOne' && f.method !== 'estimatedDocumentCount' && f.method !== 'createIndex')
      .filter((f) => Object.keys((f.filter ?? {}) as object).some((k) => k !== '_id'));

  it('numbers concurrent notices of a department and year without gap or repeat, and lists each case by _id', async () => {
    const cases = ['C1', 'C2', 'C3'];
    const issued = await Promise.all(Array.from({ length: 24 }, (_, i) => insertNumbered(db, notice(cases[i % 3] as string), numberOf)));
    expect(issued.map((n) => n.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(issued.map((n) => n.number)).size).toBe(24);
    expect(await noticeListsBuilt(db)).toBe(true);
    for (const caseNo of cases) {
      const listed = await caseNotices(db, caseNo);
      expect(listed.map((n) => n._id).sort()).toEqual(issued.filter((n) => n.caseNo === caseNo).map((n) => n._id).sort());
    }
    // Issued again after the burst, the next number follows the last.
    expect((await insertNumbered(db, notice('C1'), numberOf)).seq).toBe(25);
    if (await isFerretDb(db)) {
      expect(filters.some((f) => f.collection === 'case_notices' && f.method === 'findOne')).toBe(true);
      expect(readsBesidesId()).toEqual([]);
    }
  });

  it('answers the notice an action issued when it is applied again, also when its entry was never written', async () => {
    const intent = randomUUID();
    const first = await insertNumbered(db, notice('C9', intent), numberOf);
    expect((await noticeOfIntent(db, 'C9', intent))?._id).toBe(first._id);
    // The notice stored, its entry not (a crash between the two): found by the action and entered.
    await db.collection('case_notices').deleteMany({ ref: first._id });
    expect(await caseNotices(db, 'C9')).toEqual([]);
    expect((await noticeOfIntent(db, 'C9', intent))?._id).toBe(first._id);
    expect((await caseNotices(db, 'C9')).map((n) => n._id)).toEqual([first._id]);
    // Numbered again at once under the same action, one notice results.
    const again = await insertNumbered(db, notice('C9', intent), numberOf);
    expect(again._id).toBe(first._id);
    expect(await noticeModel(db).countDocuments({ intent })).toBe(1);
    expect(await noticeOfIntent(db, 'C9', randomUUID())).toBeNull();
  });

  it('continues a year numbered before the hint, and lists its notices by reading them until the entries are rebuilt', async () => {
    // Notices of an earlier release: no entries, no hint.
    const legacy = Array.from({ length: 37 }, (_, i) => ({ ...notice(`L${i % 4}`), _id: `health-commission:2026:${i + 1}`, seq: i + 1, number: numberOf(i + 1) }));
    await noticeModel(db).insertMany(legacy);
    const next = await insertNumbered(db, notice('L1'), numberOf);
    expect(next.seq).toBe(38);
    expect(await noticeListsBuilt(db)).toBe(false);
    const before = (await caseNotices(db, 'L1')).map((n) => n._id);
    expect(before).toHaveLength(legacy.filter((n) => n.caseNo === 'L1').length + 1);
    expect(await rebuildNoticeLists(db)).toBe(37);
    expect(await noticeListsBuilt(db)).toBe(true);
    filters.length = 0;
    expect((await caseNotices(db, 'L1')).map((n) => n._id).sort()).toEqual([...before].sort());
    if (await isFerretDb(db)) expect(readsBesidesId()).toEqual([]);
    // Another department's year starts at 1.
    expect((await insertNumbered(db, notice('L2', randomUUID(), 'market-regulation'), numberOf)).seq).toBe(1);
  });

  it('finds the last number of a gapless sequence in about two questions per doubling', async () => {
    for (const last of [0, 1, 2, 3, 7, 8, 100, 1_000]) {
      let asked = 0;
      expect(await lastOfContiguous(async (n) => (asked++, n <= last))).toBe(last);
      expect(asked).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(last + 2)) + 1);
    }
  });
});
