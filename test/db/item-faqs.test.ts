import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { isFerretDb } from '../../db/guarded-write';
import { consultationModel } from '../../db/models/consultation';
import { listInGuide, publishedToGuide, rebuildGuideLists, startGuideLists } from '../../db/queries/item-faqs';

/**
 * The public guide's questions (常见问题). Anyone may ask for an item's; on FerretDB
 * `{ itemCode, faq }` read every consultation, so each item lists its published ones by `_id`.
 */
describe("an item's published questions", () => {
  let db: mongoose.Connection;
  const filters: { collection: string; method: string; filter: unknown }[] = [];
  const consultation = (no: string, itemCode: string, faq: object | null = null) => ({
    _id: no, seq: 1, queryCode: 'q', channel: 'web', asker: { name: '张三' }, itemCode, itemName: '公共场所卫生许可', department: 'health-commission',
    question: '分店是否需要单独办理许可?', askedAt: new Date(), answerDays: 5, answerDeadline: new Date(), provisional: false,
    status: 'answered', answer: { answer: '需要' }, level: 'normal', alertCount: 0, faq, updatedAt: new Date(),
  });
  const faq = { question: '分店是否需要单独办理许可?', answer: '需要', publishedBy: 'u1', publishedAt: new Date() };
  const publish = async (no: string, itemCode: string) => {
    await startGuideLists(db);
    await consultationModel(db).updateOne({ _id: no }, { $set: { faq } });
    await listInGuide(db, itemCode, no);
  };

  beforeEach(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/item-faqs-${randomUUID().slice(0, 8)}`)).asPromise();
    db.set('debug', (collection: string, method: string, filter: unknown) => filters.push({ collection, method, filter }));
  });
  afterEach(async () => {
    filters.length = 0;
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const byIdOnly = () => filters.filter((f) => f.method.startsWith('find')).every((f) => Object.keys((f.filter ?? {}) as object).join() === '_id');

  it('lists each publication under its item from the first, and reads them by _id', async () => {
    await consultationModel(db).insertMany(['ZX-1', 'ZX-2', 'ZX-3', 'ZX-4'].map((no) => consultation(no, no === 'ZX-4' ? 'ITEM-B' : 'ITEM-A')));
    await Promise.all(['ZX-1', 'ZX-2', 'ZX-3', 'ZX-4'].map((no) => publish(no, no === 'ZX-4' ? 'ITEM-B' : 'ITEM-A')));
    await publish('ZX-2', 'ITEM-A'); // published again (edited): listed once
    filters.length = 0;
    expect((await publishedToGuide(db, 'ITEM-A')).map((c) => c._id).sort()).toEqual(['ZX-1', 'ZX-2', 'ZX-3']);
    expect((await publishedToGuide(db, 'ITEM-B')).map((c) => c._id)).toEqual(['ZX-4']);
    expect(await publishedToGuide(db, 'ITEM-C')).toEqual([]);
    if (await isFerretDb(db)) {
      expect(filters.some((f) => f.collection === 'item_faqs')).toBe(true);
      expect(byIdOnly()).toBe(true);
    }
  });

  it('reads the consultations until a database published before the lists is rebuilt', async () => {
    await consultationModel(db).insertMany([consultation('ZX-7', 'ITEM-A', faq), consultation('ZX-8', 'ITEM-A'), consultation('ZX-9', 'ITEM-A', faq)]);
    expect((await publishedToGuide(db, 'ITEM-A')).map((c) => c._id).sort()).toEqual(['ZX-7', 'ZX-9']);
    await publish('ZX-8', 'ITEM-A');
    expect((await publishedToGuide(db, 'ITEM-A')).map((c) => c._id).sort()).toEqual(['ZX-7', 'ZX-8', 'ZX-9']);
    expect(await rebuildGuideLists(db)).toBe(2);
    filters.length = 0;
    expect((await publishedToGuide(db, 'ITEM-A')).map((c) => c._id).sort()).toEqual(['ZX-7', 'ZX-8', 'ZX-9']);
    if (await isFerretDb(db)) expect(byIdOnly()).toBe(true);
  });
});
