import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { guardedDelete, guardedUpdate, isFerretDb } from '../../db/guarded-write';
import { casWrite, VERSIONS_COLLECTION, versionsEmptied } from '../../db/versioned-write';

interface Doc {
  _id: string;
  seq: number;
  n?: number;
  applied?: string[];
}

const schema = new Schema<Doc>({ _id: String, seq: Number, n: Number, applied: [String] }, { versionKey: false });
const newerOrSame = (seq: number) => ({ filter: { seq: { $lte: seq } }, holds: (d: Doc | null) => d === null || d.seq <= seq });
const notApplied = (id: string) => ({ filter: { applied: { $ne: id } }, holds: (d: Doc | null) => !(d?.applied ?? []).includes(id) });

describe('guardedUpdate', () => {
  let db: mongoose.Connection;
  let Docs: mongoose.Model<Doc>;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/guarded-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();
    Docs = db.model<Doc>('Doc', schema, 'docs');
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });
  /** A second connection to the test's database: what another process remembers (nothing, at first). */
  const anotherConnection = (options: mongoose.ConnectOptions = {}) =>
    mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`), options).asPromise();

  for (const mode of ['atomic', 'read-then-write'] as const) {
    it(`${mode}: writes only when the guard holds, and upserts only when asked`, async () => {
      const id = `${mode}-seq`;
      expect(await guardedUpdate(Docs, id, newerOrSame(2), { $set: { seq: 2, n: 2 } }, { mode })).toBe(false);
      expect(await Docs.exists({ _id: id })).toBeNull();
      expect(await guardedUpdate(Docs, id, newerOrSame(2), { $set: { seq: 2, n: 2 } }, { mode, upsert: true })).toBe(true);
      expect(await guardedUpdate(Docs, id, newerOrSame(1), { $set: { seq: 1, n: 1 } }, { mode, upsert: true })).toBe(false);
      expect(await Docs.findById(id).lean()).toMatchObject({ seq: 2, n: 2 });
      expect(await guardedUpdate(Docs, id, newerOrSame(3), { $set: { seq: 3, n: 3 } }, { mode, upsert: true })).toBe(true);
      expect(await Docs.findById(id).lean()).toMatchObject({ seq: 3, n: 3 });
    });

    it(`${mode}: an id guarded by its absence is counted once however often it is retried`, async () => {
      const id = `${mode}-once`;
      const inc = (event: string) => guardedUpdate(Docs, id, notApplied(event), { $inc: { n: 1 }, $push: { applied: event }, $setOnInsert: { seq: 0 } }, { mode, upsert: true });
      for (const event of ['a', 'b', 'a', 'c', 'b']) await inc(event);
      expect(await Docs.findById(id).lean()).toMatchObject({ n: 3, applied: ['a', 'b', 'c'] });
    });
  }

  it('read-then-write: concurrent writes to one document in this process are neither lost nor doubled', async () => {
    const id = 'concurrent';
    const events = Array.from({ length: 30 }, (_, i) => `e${i % 20}`);
    await Promise.all(events.map((event) =>
      guardedUpdate(Docs, id, notApplied(event), { $inc: { n: 1 }, $push: { applied: event }, $setOnInsert: { seq: 0 } }, { mode: 'read-then-write', upsert: true })));
    const doc = await Docs.findById(id).lean();
    expect(doc?.n).toBe(20);
    expect(new Set(doc?.applied).size).toBe(20);
  });

  for (const remember of [false, true]) {
    it(`read-then-write: two processes writing the same documents at once lose and double nothing${remember ? ', each starting from the version it wrote last' : ''}`, async () => {
      // Each process counts its 25 events on both documents, 50 writes in flight per process.
      const uri = inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`);
      const ids = remember ? ['remembered-a', 'remembered-b'] : ['shared-a', 'shared-b'];
      const writer = (prefix: string) => promisify(execFile)(process.execPath,
        ['--import', 'tsx', join(__dirname, 'support', 'guarded-writer.ts'), uri, 'docs', ids.join(), prefix, '25', remember ? 'remember' : 'read'], { cwd: join(__dirname, '..', '..') });
      await Promise.all([writer('p'), writer('q')]);
      for (const id of ids) {
        const doc = await Docs.findById(id).lean();
        expect(doc?.n).toBe(50);
        expect(doc?.applied).toHaveLength(50);
        expect(new Set(doc?.applied).size).toBe(50);
      }
    }, 120_000);
  }

  it('a document remembered is written again without reading it; a version another process wrote since is found and kept', async () => {
    const watched = await anotherConnection({ monitorCommands: true });
    const other = await anotherConnection(); // another process's memory
    try {
      const reads: string[] = [];
      watched.getClient().on('commandStarted', (e) => {
        if (e.commandName === 'find' && e.command['find'] === 'docs') reads.push(JSON.stringify(e.command['filter']));
      });
      const count = (conn: mongoose.Connection, event: string) => casWrite<Doc>(conn, 'docs', 'memo', (stored) =>
        (stored?.applied ?? []).includes(event) ? null : { _id: 'memo', seq: 0, n: (stored?.n ?? 0) + 1, applied: [...(stored?.applied ?? []), event] }, { remember: true });
      await count(watched, 'a');
      expect(reads).toHaveLength(1);
      await count(watched, 'b');
      expect(reads).toHaveLength(1); // from the version it wrote
      await count(other, 'c'); // version 3, by the other
      await count(watched, 'd'); // its insert of version 3 is refused: it reads version 3 and writes 4
      expect(await Docs.findById('memo').lean()).toMatchObject({ n: 4, applied: ['a', 'b', 'c', 'd'], _v: 4 });
      await count(watched, 'e');
      expect(await Docs.findById('memo').lean()).toMatchObject({ n: 5, _v: 5 });
    } finally {
      await watched.close();
      await other.close();
    }
  });

  it('remembers at most 16 MiB of documents: the least recently written is read again', async () => {
    const watched = await anotherConnection({ monitorCommands: true });
    try {
      const reads: string[] = [];
      watched.getClient().on('commandStarted', (e) => {
        if (e.commandName === 'find' && e.command['find'] === 'big') reads.push(String((e.command['filter'] as { _id: unknown })._id));
      });
      const filler = 'x'.repeat(2 ** 20 - 100); // a document of about 1 MiB
      const write = (id: string) => casWrite<{ _id: string; n: number; filler: string }>(watched, 'big', id, (stored) => ({ _id: id, n: (stored?.n ?? 0) + 1, filler }), { remember: true });
      for (let i = 0; i < 17; i++) await write(`big-${i}`);
      reads.length = 0;
      await write('big-16');
      expect(reads).toEqual([]);
      await write('big-0'); // the 17th MiB pushed it out
      expect(reads).toEqual(['big-0']);
      expect(await watched.collection('big').findOne({ _id: 'big-0' as never })).toMatchObject({ n: 2 });
    } finally {
      await watched.close();
    }
  });

  it('a document remembered as needing nothing is written all the same when another process has changed it since', async () => {
    const other = await anotherConnection();
    try {
      const mark = (conn: mongoose.Connection, event: string) => casWrite<Doc>(conn, 'docs', 'undone', (stored) =>
        (stored?.applied ?? []).includes(event) ? null : { _id: 'undone', seq: 0, applied: [...(stored?.applied ?? []), event] }, { remember: true });
      await mark(db, 'x');
      // The other process takes the mark away (version 2).
      await casWrite<Doc>(other, 'docs', 'undone', (stored) => (stored ? { ...stored, applied: [] } : null));
      // As remembered here the mark is there; the version row says otherwise, and the mark is written again.
      expect(await mark(db, 'x')).toMatchObject({ version: 3, after: { applied: ['x'] } });
      expect(await Docs.findById('undone').lean()).toMatchObject({ applied: ['x'], _v: 3 });
      expect(await mark(db, 'x')).toBeNull();
    } finally {
      await other.close();
    }
  });

  /** What a writer in another process does (this process queues its own writers of a document): inserts version `v` of the document, then publishes it. */
  const writtenElsewhere = async (doc: Doc, v: number) => {
    await db.collection(VERSIONS_COLLECTION).insertOne({ _id: `docs/${doc._id}@${v}` as never, b: new mongoose.mongo.BSON.Binary(mongoose.mongo.BSON.serialize(doc)), at: new Date() });
    await Docs.replaceOne({ _id: doc._id }, { ...doc, _v: v } as never, { upsert: true });
  };

  it('what follows a publication comes before the check for a newer version: a newer version written meanwhile elsewhere is published and followed too', async () => {
    await casWrite<Doc>(db, 'docs', 'followed', () => ({ _id: 'followed', seq: 1, n: 1 }));
    /** What followed each publication, in order: the version's seq, and the one before it. */
    const followed: string[] = [];
    const written = await casWrite<Doc>(db, 'docs', 'followed', (stored) => ({ _id: 'followed', seq: (stored?.seq ?? 0) + 1, n: 2 }), {
      published: async (doc, before) => {
        followed.push(`${before?.seq}→${doc.seq}`);
        // While this one follows its version 2, another process writes version 3 (and follows it).
        if (doc.seq === 2) await writtenElsewhere({ _id: 'followed', seq: 3, n: 3 }, 3);
      },
    });
    // The check after version 2 found version 3: published again, and followed, last.
    expect(followed).toEqual(['1→2', '2→3']);
    expect(written).toMatchObject({ version: 2, newest: false });
    expect(await Docs.findById('followed').lean()).toMatchObject({ seq: 3, n: 3, _v: 3 });

    // Nothing newer: followed once, and the newest.
    followed.length = 0;
    const alone = await casWrite<Doc>(db, 'docs', 'followed', (stored) => ({ _id: 'followed', seq: (stored?.seq ?? 0) + 1, n: 4 }), {
      published: async (doc, before) => void followed.push(`${before?.seq}→${doc.seq}`),
    });
    expect(followed).toEqual(['3→4']);
    expect(alone).toMatchObject({ version: 4, newest: true });
  });

  it('a failure of what follows a publication is answered after the check, with the newest version in place', async () => {
    await casWrite<Doc>(db, 'docs', 'follow-fails', () => ({ _id: 'follow-fails', seq: 1, n: 1 }));
    const failed = casWrite<Doc>(db, 'docs', 'follow-fails', () => ({ _id: 'follow-fails', seq: 2, n: 2 }), {
      published: async () => {
        // Another process writes version 3; this one's version 2 lands on top of it (publications out of order); then the follow-up fails.
        await writtenElsewhere({ _id: 'follow-fails', seq: 3, n: 3 }, 3);
        await Docs.replaceOne({ _id: 'follow-fails' }, { seq: 2, n: 2, _v: 2 } as never);
        throw new Error('placement failed');
      },
    });
    await expect(failed).rejects.toThrow('placement failed');
    expect(await Docs.findById('follow-fails').lean()).toMatchObject({ seq: 3, n: 3, _v: 3 });
  });

  it('a compare-and-swap publishes a version its writer inserted but never published, even when it has nothing to add', async () => {
    await casWrite<Doc>(db, 'docs', 'orphan', () => ({ _id: 'orphan', seq: 1, n: 1 }));
    // A writer inserted version 2 and died before publishing it.
    await db.collection(VERSIONS_COLLECTION).insertOne({ _id: 'docs/orphan@2' as never, b: new mongoose.mongo.BSON.Binary(mongoose.mongo.BSON.serialize({ _id: 'orphan', seq: 2, n: 2 })), at: new Date() });
    expect(await Docs.findById('orphan').lean()).toMatchObject({ seq: 1 });
    // The next writer's guard refuses (version 2 already holds what it would write); version 2 is published all the same.
    const olderThan = (seq: number) => ({ filter: { seq: { $lt: seq } }, holds: (d: Doc | null) => d === null || d.seq < seq });
    expect(await guardedUpdate(Docs, 'orphan', olderThan(2), { $set: { seq: 2, n: 2 } }, { mode: 'read-then-write' })).toBe(false);
    expect(await Docs.findById('orphan').lean()).toMatchObject({ seq: 2, n: 2, _v: 2 });
  });

  it('a compare-and-swap empties the rows of the versions it supersedes, behind the writes', async () => {
    for (let n = 1; n <= 4; n++) await casWrite<Doc>(db, 'docs', 'emptied', () => ({ _id: 'emptied', seq: n, n }));
    await versionsEmptied(db);
    const rows = await db.collection<{ _id: string; b?: unknown }>(VERSIONS_COLLECTION).find({ _id: { $regex: '^docs/emptied@' } }).sort({ _id: 1 }).toArray();
    expect(rows.map((r) => [r._id, r.b === null])).toEqual([['docs/emptied@1', true], ['docs/emptied@2', true], ['docs/emptied@3', true], ['docs/emptied@4', false]]);
  });

  it('the superseded rows waiting are emptied together, not by a command each', async () => {
    const watched = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/guarded-${randomUUID().slice(0, 8)}`), { monitorCommands: true }).asPromise();
    try {
      const updates: number[] = [];
      watched.getClient().on('commandStarted', (e) => {
        if (e.commandName === 'update' && e.command['update'] === VERSIONS_COLLECTION) updates.push((e.command['updates'] as unknown[]).length);
      });
      const ids = Array.from({ length: 40 }, (_, i) => `batch-${i}`);
      for (let n = 1; n <= 3; n++) await Promise.all(ids.map((id) => casWrite<Doc>(watched, 'docs', id, () => ({ _id: id, seq: n, n }))));
      await versionsEmptied(watched);
      expect(updates.reduce((a, b) => a + b, 0)).toBe(80); // versions 1 and 2 of each document
      // Rows superseded while the writes go on are emptied with those waiting at the next pause
      // (2 commands on a quiet machine; a slow one pauses within a round too): never one each.
      expect(updates.length).toBeLessThanOrEqual(20);
      expect(Math.max(...updates)).toBeLessThanOrEqual(50);
      const rows = await watched.collection<{ _id: string; b?: unknown }>(VERSIONS_COLLECTION).find({ _id: { $regex: '^docs/batch-7@' } }).sort({ _id: 1 }).toArray();
      expect(rows.map((r) => [r._id, r.b === null])).toEqual([['docs/batch-7@1', true], ['docs/batch-7@2', true], ['docs/batch-7@3', false]]);
    } finally {
      await watched.dropDatabase().catch(() => undefined);
      await watched.close();
    }
  });

  it('compare-and-swaps of documents written together insert their versions and publish them in one command each', async () => {
    const watched = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/guarded-${randomUUID().slice(0, 8)}`), { monitorCommands: true }).asPromise();
    try {
      const commands: string[] = [];
      watched.getClient().on('commandStarted', (e) => {
        const name = `${e.commandName} ${String(e.command[e.commandName])}`;
        if (name === `insert ${VERSIONS_COLLECTION}` || name === 'update docs') commands.push(name);
      });
      // Documents of one collection, remembered (no read before the write), as a clerk's step
      // moves a case from one list bucket to another: each with a companion, as the buckets
      // carry their counts.
      const ids = ['leaving', 'entering', 'third'];
      const companion = (doc: Doc, v: number) => ({ _id: `${doc._id}:count`, v });
      const writeAll = (names: string[], n: number) =>
        Promise.all(names.map((id) => casWrite<Doc>(watched, 'docs', id, () => ({ _id: id, seq: n, n }), { companion, remember: true })));
      await writeAll(ids, 1);
      commands.length = 0;
      await writeAll(ids, 2);
      expect(commands).toEqual([`insert ${VERSIONS_COLLECTION}`, 'update docs']);
      const stored = await watched.collection<{ _id: string }>('docs').find({}).sort({ _id: 1 }).toArray();
      expect(stored.map((d) => d._id)).toEqual(['entering', 'entering:count', 'leaving', 'leaving:count', 'third', 'third:count']);
      expect(stored.every((d) => (d as { _v?: number; v?: number })._v === 2 || (d as { v?: number }).v === 2)).toBe(true);
      expect(stored.find((d) => d._id === 'leaving')).toMatchObject({ seq: 2, n: 2, _v: 2 });
      expect(stored.find((d) => d._id === 'leaving:count')).toMatchObject({ v: 2 });
      // A group larger than one command may carry goes in several, each publication whole.
      const many = Array.from({ length: 60 }, (_, i) => `many-${i}`);
      await writeAll(many, 1);
      commands.length = 0;
      await writeAll(many, 2);
      expect(commands.filter((c) => c === 'update docs').length).toBeGreaterThanOrEqual(3);
      expect((await watched.collection<{ _id: string }>('docs').find({}).toArray()).filter((d) => d._id.startsWith('many-')).length).toBe(120);
    } finally {
      await watched.dropDatabase().catch(() => undefined);
      await watched.close();
    }
  });

  it('a compare-and-swap continues from a version row written before rows carried BSON (the document itself)', async () => {
    await casWrite<Doc>(db, 'docs', 'old-row', () => ({ _id: 'old-row', seq: 1, n: 1 }));
    await db.collection(VERSIONS_COLLECTION).insertOne({ _id: 'docs/old-row@2' as never, doc: { _id: 'old-row', seq: 2, n: 5 }, at: new Date() });
    const written = await casWrite<Doc>(db, 'docs', 'old-row', (stored) => (stored ? { ...stored, seq: stored.seq + 1, n: (stored.n ?? 0) + 1 } : null));
    expect(written).toMatchObject({ before: { seq: 2, n: 5 }, after: { seq: 3, n: 6 }, version: 3 });
    expect(await Docs.findById('old-row').lean()).toMatchObject({ seq: 3, n: 6, _v: 3 });
  });

  it('deletes only when the guard holds, by _id alone on FerretDB (a pending request or intent released by its holder)', async () => {
    const filters: unknown[] = [];
    await Docs.insertMany([{ _id: 'del-pending', seq: 1 }, { _id: 'del-done', seq: 2 }]);
    const pending = { filter: { seq: 1 }, holds: (d: Doc | null) => d?.seq === 1 };
    db.set('debug', (collection: string, _method: string, filter: unknown) => {
      if (collection === 'docs') filters.push(filter);
    });
    try {
      expect(await guardedDelete(Docs, 'del-done', pending)).toBe(false);
      expect(await guardedDelete(Docs, 'del-pending', pending)).toBe(true);
      expect(await guardedDelete(Docs, 'del-gone', pending)).toBe(false);
    } finally {
      db.set('debug', false);
    }
    expect((await Docs.find({ _id: { $in: ['del-pending', 'del-done'] } }).lean()).map((d) => d._id)).toEqual(['del-done']);
    if (await isFerretDb(db)) expect(filters.every((f) => Object.keys(f as object).join() === '_id')).toBe(true);
  });

  it('on FerretDB, a lookup by _id searches an index instead of scanning the collection', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    await Docs.create({ _id: 'probe', seq: 0 });
    // The launcher (tools/ferretdb/idindex.go) adds the lookup index within a few seconds of a
    // collection appearing; FerretDB's connections see it from their next write on.
    let plan = '';
    for (let i = 0; i < 40 && !plan.includes('USING INDEX'); i++) {
      await Docs.updateOne({ _id: 'probe' }, { $inc: { seq: 1 } });
      plan = JSON.stringify(await Docs.collection.find({ _id: 'probe' as never }).explain());
      if (!plan.includes('USING INDEX')) await delay(250);
    }
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_lookup/);
  });
});
