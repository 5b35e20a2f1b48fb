import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { advanceHead, readVersion, versionInForce } from '../../api/definitions/versions';
import { definitionHeadModel, definitionVersionModel } from '../../db/models/definition';

/**
 * The version in force is read on every case start, public guide and progress page and
 * ingest: by the item's head (`_id`), never by scanning the versions, which on FerretDB reads
 * every version of every item (measured 45 ms at 150 versions of 12 KB, 529 ms at 1,500).
 */
describe('the version of an item in force', () => {
  let db: mongoose.Connection;
  const reads: { collection: string; filter: unknown }[] = [];
  const publish = (itemCode: string, version: number) => definitionVersionModel(db).create({
    itemCode, version, json: JSON.stringify({ item: { code: itemCode }, version }), itemName: '食品经营许可', category: 'licence',
    department: 'market-regulation', publishedAt: new Date(), publishedBy: 'admin', intent: randomUUID(),
  }).then((doc) => doc.toObject());

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/definition-versions-${randomUUID().slice(0, 8)}`)).asPromise();
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      if (method.startsWith('find')) reads.push({ collection, filter });
    });
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
  });

  it('finds an item published before heads once by scanning, then by its head', async () => {
    await publish('food-licence', 1);
    await publish('food-licence', 2);
    expect((await versionInForce(db, 'food-licence'))?.version).toBe(2);
    expect(await definitionHeadModel(db).findById('food-licence').lean()).toMatchObject({ version: 2 });
    reads.length = 0;
    expect((await readVersion(db, 'food-licence')).definition).toMatchObject({ version: 2 });
    // The head by `_id`; the version itself was kept from the first read.
    expect(reads).toEqual([{ collection: 'definition_heads', filter: { _id: 'food-licence' } }]);
  });

  it('follows a publication, and a head never goes back', async () => {
    const third = await publish('food-licence', 3);
    await advanceHead(db, third);
    reads.length = 0;
    expect((await versionInForce(db, 'food-licence'))?.version).toBe(3);
    expect(reads.every((r) => Object.keys(r.filter as object).join() === '_id')).toBe(true);
    // A late advance to an older version (a slow first read racing the publication) changes nothing.
    const second = await definitionVersionModel(db).findOne({ itemCode: 'food-licence', version: 2 }).lean();
    if (second) await advanceHead(db, second);
    expect((await versionInForce(db, 'food-licence'))?.version).toBe(3);
  });

  it('reads a named version once and answers 404 for one not published', async () => {
    reads.length = 0;
    expect((await readVersion(db, 'food-licence', 1)).version).toBe(1);
    expect((await readVersion(db, 'food-licence', 1)).version).toBe(1);
    expect(reads.filter((r) => r.collection === 'definition_versions')).toHaveLength(1);
    await expect(readVersion(db, 'food-licence', 9)).rejects.toMatchObject({ status: 404 });
    await expect(readVersion(db, 'no-such-item')).rejects.toMatchObject({ status: 404 });
  });
});
