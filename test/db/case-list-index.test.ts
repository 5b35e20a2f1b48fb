import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiContext } from '../../api/context';
import { levelCounts, listCases, worklistCounts } from '../../api/cases/lists';
import type { Principal } from '../../api/http/principal';
import { isFerretDb } from '../../db/guarded-write';
import { caseModel } from '../../db/models/case';
import { BUILT_ID, CASE_LISTS, countsOf, linesOf, type Listable, listIndexBuilt, rebuildListIndex, recordPlacement } from '../../db/queries/case-list-index';
import { urgencyKey } from '../../domain/records/urgency';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const LEVELS = ['normal', 'normal', 'warning', 'yellow', 'red'] as const;
const STATUSES = ['submitted', 'processing', 'suspended', 'concluded', 'concluded'] as const;
const ROLES = ['acceptor', 'reviewer'] as const;

/** Case i of three departments; some open with a step in another department; concluded over three years. */
function caseOf(i: number) {
  const department = `d${i % 3}`;
  const status = STATUSES[i % STATUSES.length] ?? 'processing';
  const concluded = status === 'concluded';
  const alertLevel = LEVELS[(i * 7) % LEVELS.length] ?? 'normal';
  const submittedAt = new Date(NOW - ((i * 37) % 1000) * DAY - i * 1000);
  const deadline = i % 11 === 0 ? null : new Date(submittedAt.getTime() + ((i * 13) % 40) * DAY);
  const stepDepartment = i % 4 === 0 ? `d${(i + 1) % 3}` : department;
  return {
    _id: `SL${String(i).padStart(6, '0')}`, seq: 3, mode: i % 17 === 0 ? 'tracked' : 'native', definitionId: 'x', definitionVersion: 1,
    itemCode: `item-${i % 4}`, itemName: '事项', category: 'c', department, applicantName: `申请人 ${i}`, queryCode: null, status,
    outcome: concluded ? 'approved' : null, alertLevel,
    position: concluded ? [] : [{ nodeId: 'n', name: 'n', department: stepDepartment, role: ROLES[i % 2] ?? 'reviewer', startedAt: submittedAt }],
    submittedAt, acceptedAt: null, concludedAt: concluded ? new Date(submittedAt.getTime() + DAY) : null, deadline, statutoryDeadline: null,
    provisional: false, workingDaysUsed: null, onTime: null, anomalyCount: 0, alertCount: 0, updatedAt: submittedAt,
    urgency: urgencyKey({ status, alertLevel, deadline: deadline?.getTime() ?? null }), actedBy: [`u${i % 5}`, `u${(i + 2) % 5}`],
  };
}

const root: Principal = { userId: 's', username: 's', name: 's', roles: ['supervisor'], department: null, positions: [] };
// A range that holds every case sends the same list to the scanning query.
const scanned = { submittedFrom: '2000-01-01T00:00:00.000Z' };

/** A database of its own holding the cases, with the list index built from them. */
async function indexed(name: string, docs: object[], options: { monitorCommands?: boolean } = {}): Promise<{ db: mongoose.Connection; ctx: ApiContext }> {
  const db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${name}-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40, ...options }).asPromise();
  await caseModel(db).createCollection();
  await db.collection('cases').insertMany(docs as never[]);
  await rebuildListIndex(db, docs as Listable[]);
  return { db, ctx: { db, now: () => NOW } as unknown as ApiContext };
}

/** Every case of a list, page by page along its cursors. */
async function walkList(ctx: ApiContext, query: Record<string, unknown>, user: Principal): Promise<string[]> {
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { caseNo: string }[]; nextCursor: string | null } = await listCases(ctx, { limit: 20, ...query, ...(cursor && { cursor }) } as never, user);
    all.push(...page.items.map((c) => c.caseNo));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('the list index answers every list as the scanning query does', () => {
  let db: mongoose.Connection;
  let ctx: ApiContext;
  beforeAll(async () => {
    ({ db, ctx } = await indexed('list-index', Array.from({ length: 240 }, (_, i) => caseOf(i))));
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const clerk: Principal = { userId: 'u1', username: 'c', name: 'c', roles: ['clerk'], department: 'd1', positions: ['reviewer'], scope: ['d1'] };
  const county: Principal = { ...root, department: 'county', scope: ['d0', 'd2'] };
  const walk = (query: Record<string, unknown>, user: Principal) => walkList(ctx, query, user);

  const cases: [string, Record<string, unknown>, Principal][] = [
    ['the board', {}, root],
    ["a county's board", {}, county],
    ['one department, red', { department: 'd2', alertLevel: 'red' }, root],
    ['one item, concluded', { itemCode: 'item-1', status: 'concluded' }, county],
    ['待办', { list: 'todo' }, clerk],
    ['已办', { list: 'done' }, clerk],
    ['本部门', { list: 'department' }, clerk],
    ['办结', { list: 'concluded' }, clerk],
  ];
  for (const [name, query, user] of cases) {
    for (const sort of ['urgency', 'newest'] as const) {
      it(`${name}, ${sort}`, async (context) => {
        if (!(await isFerretDb(db))) return context.skip();
        const fromIndex = await walk({ ...query, sort }, user);
        expect(fromIndex.length).toBeGreaterThan(0);
        expect(fromIndex).toEqual(await walk({ ...query, ...scanned, sort }, user));
      });
    }
  }

  it('is what the lists read on FerretDB: a case changed behind the recorder keeps its indexed item', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    await db.collection('cases').updateOne({ _id: 'SL000001' as never }, { $set: { itemCode: 'item-moved' } });
    expect(await walk({ itemCode: 'item-1', sort: 'newest' }, root)).toContain('SL000001');
    expect(await walk({ itemCode: 'item-moved', ...scanned, sort: 'newest' }, root)).toEqual(['SL000001']);
  });

  it('is not read while it is of an earlier layout (8 shards of every open case), until rebuilt', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    const other = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`), { maxPoolSize: 4 }).asPromise();
    try {
      const lists = db.collection<{ _id: string; layout?: number }>(CASE_LISTS);
      await lists.replaceOne({ _id: BUILT_ID }, {});
      expect(await listIndexBuilt(other)).toBe(false);
      await rebuildListIndex(other, await db.collection<Listable>('cases').find().toArray());
      expect(await lists.findOne({ _id: BUILT_ID })).toMatchObject({ layout: 2 });
      expect(await listIndexBuilt(other)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('counts as the scanning query counts', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    for (const user of [clerk, root, county]) {
      expect(await worklistCounts(ctx, {}, user)).toEqual(await worklistCounts(ctx, scanned, user));
      expect(await levelCounts(ctx, { itemCode: 'item-2' }, user)).toEqual(await levelCounts(ctx, { itemCode: 'item-2', ...scanned }, user));
    }
  });

  /** Every count the lists give, from the index and by scanning. */
  async function allCounts(scan: Record<string, unknown>) {
    const answers: unknown[] = [];
    for (const user of [clerk, root, county]) {
      for (const filter of [{}, { department: 'd0' }, { department: 'd1' }]) {
        answers.push(await worklistCounts(ctx, { ...filter, ...scan }, user), await levelCounts(ctx, { ...filter, ...scan }, user));
      }
    }
    return answers;
  }

  it('counts from the buckets\' counts as the scanning query counts, with and without filters', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    expect(await allCounts({})).toEqual(await allCounts(scanned));
  });

  it('keeps the buckets\' counts as the recorder places cases, and passes over counts older than their bucket', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    const Cases = db.collection<Listable & { seq: number }>('cases');
    for (const [caseNo, change] of [
      ['SL000000', { alertLevel: 'red', urgency: urgencyKey({ status: 'processing', alertLevel: 'red', deadline: null }), deadline: null }],
      ['SL000002', { status: 'concluded', urgency: urgencyKey({ status: 'concluded', alertLevel: 'normal', deadline: null }), position: [] }],
      ['SL000005', { department: 'd1', position: [{ department: 'd0', role: 'reviewer' }] }],
    ] as const) {
      const before = await Cases.findOne({ _id: caseNo });
      if (!before) throw new Error(`${caseNo} missing`);
      const after = { ...before, ...change, seq: before.seq + 1 } as Listable & { seq: number };
      await Cases.replaceOne({ _id: caseNo }, after);
      await recordPlacement(db, before, after);
    }
    expect(await allCounts({})).toEqual(await allCounts(scanned));
    const lists = db.collection<{ _id: string; e?: string; _v?: number; v?: number; k?: unknown }>(CASE_LISTS);
    const bucket = await lists.findOne({ _id: { $regex: '^o\\|\\*\\|0\\|' }, _v: { $gte: 1 } });
    if (!bucket?.e) throw new Error('no open bucket the recorder wrote');
    expect(await lists.findOne({ _id: `n|${bucket._id}` })).toMatchObject({ v: bucket._v, ...countsOf(linesOf(bucket.e)) });
    // Counts a slower writer stored after newer ones: of an older version, so not read.
    await lists.updateOne({ _id: `n|${bucket._id}` }, { $set: { v: (bucket._v ?? 1) - 1, k: ['red\td0\t999'], t: ['d0\t999'] } });
    expect(await allCounts({})).toEqual(await allCounts(scanned));
  });
});

describe('the recorder writes each bucket with its counts', () => {
  it('in one command per version of the bucket: the bucket and its counts go together', async (context) => {
    const { db } = await indexed('list-commands', Array.from({ length: 40 }, (_, i) => caseOf(i)), { monitorCommands: true });
    try {
      if (!(await isFerretDb(db))) return context.skip();
      const updates: { statements: string[] }[] = [];
      const versions: string[] = [];
      db.getClient().on('commandStarted', (e) => {
        if (e.commandName === 'update' && e.command['update'] === CASE_LISTS) {
          updates.push({ statements: (e.command['updates'] as { q: { _id: string } }[]).map((u) => u.q._id) });
        }
        if (e.commandName === 'insert' && e.command['insert'] === 'write_versions') {
          versions.push(...(e.command['documents'] as { _id: string }[]).map((d) => d._id).filter((id) => id.startsWith(`${CASE_LISTS}/`)));
        }
      });
      const Cases = db.collection<Listable & { seq: number }>('cases');
      const before = await Cases.findOne({ _id: 'SL000001' });
      if (!before) throw new Error('SL000001 missing');
      // A yellow card: the case moves to the yellow buckets of every scope it is in.
      const after = { ...before, alertLevel: 'yellow', urgency: urgencyKey({ status: before.status, alertLevel: 'yellow', deadline: before.deadline?.getTime() ?? null }), seq: before.seq + 1 };
      await Cases.replaceOne({ _id: before._id }, after);
      await recordPlacement(db, before, after);

      expect(versions.length).toBeGreaterThanOrEqual(4); // out of two buckets and into two, at least
      // Each version in one command: the bucket, then its counts (`n|<bucket>`) of the same
      // version; the buckets written at once share a command (db/versioned-write.ts).
      expect(updates.flatMap((u) => u.statements)).toHaveLength(2 * versions.length);
      for (const { statements } of updates) {
        expect(statements.length % 2).toBe(0);
        for (let i = 0; i < statements.length; i += 2) expect(statements[i + 1]).toBe(`n|${statements[i] ?? ''}`);
      }
      const lists = db.collection<{ _id: string; _v?: number; v?: number; e?: string }>(CASE_LISTS);
      for (const version of versions) {
        const bucket = version.slice(`${CASE_LISTS}/`.length).replace(/@\d+$/, '');
        const [stored, counts] = await Promise.all([lists.findOne({ _id: bucket }), lists.findOne({ _id: `n|${bucket}` })]);
        expect(counts).toMatchObject({ v: stored?._v, ...countsOf(linesOf(stored?.e)) });
      }
    } finally {
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    }
  });
});

describe('a placement after one this process completed', () => {
  it('reads only the buckets where the case\'s entry changed; a process that starts reads them all, and repairs them', async (context) => {
    const { db } = await indexed('list-held', Array.from({ length: 40 }, (_, i) => caseOf(i)), { monitorCommands: true });
    // The same database from another connection: what a worker process that starts has.
    const restarted = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`), { monitorCommands: true }).asPromise();
    try {
      if (!(await isFerretDb(db))) return context.skip();
      const reads = (conn: mongoose.Connection) => {
        const ids: string[] = [];
        conn.getClient().on('commandStarted', (e) => {
          if (e.commandName === 'find' && e.command['find'] === CASE_LISTS) ids.push(String((e.command['filter'] as { _id: unknown })._id));
        });
        return ids;
      };
      /** The buckets written (their counts, written beside them, left out). */
      const writes = (conn: mongoose.Connection) => {
        const ids: string[] = [];
        conn.getClient().on('commandStarted', (e) => {
          if (e.commandName !== 'update' || e.command['update'] !== CASE_LISTS) return;
          for (const u of e.command['updates'] as { q: { _id: unknown } }[]) if (!String(u.q._id).startsWith('n|')) ids.push(String(u.q._id));
        });
        return ids;
      };
      const Cases = db.collection<Listable & { seq: number }>('cases');
      const move = async (conn: mongoose.Connection, role: string) => {
        const before = await Cases.findOne({ _id: 'SL000001' });
        if (!before) throw new Error('SL000001 missing');
        const after = { ...before, position: [{ ...before.position[0], role }], seq: before.seq + 1 } as Listable & { seq: number };
        await Cases.replaceOne({ _id: before._id }, after);
        await recordPlacement(conn, before, after);
      };
      const lists = db.collection<{ _id: string; e?: string }>(CASE_LISTS);
      const holding = async () => (await lists.find({ e: { $regex: 'SL000001\t' } }).toArray()).map((b) => b._id).sort();

      await move(db, 'acceptor'); // the first placement this process knows of: every bucket read
      const readNext = reads(db);
      const writtenNext = writes(db);
      await move(db, 'reviewer'); // the step back to the reviewer: only the two 待办 buckets change
      const level = (await Cases.findOne({ _id: 'SL000001' }))?.urgency?.charAt(0);
      expect(writtenNext.sort()).toEqual([`o|t:d1/acceptor|${level}|0`, `o|t:d1/reviewer|${level}|0`]);
      // Not even those two are read: this process wrote them last (db/versioned-write.ts `remember`).
      expect(readNext).toEqual([]);
      const placed = await holding();
      expect(placed).toContain(`o|t:d1/reviewer|${level}|0`);
      expect(placed).not.toContain(`o|t:d1/acceptor|${level}|0`);

      // The case's line lost from the board's bucket (by hand): a process that starts knows no
      // placement, reads every bucket of the case and puts the line back.
      const board = placed.find((id) => id.startsWith('o|*|'));
      if (!board) throw new Error('SL000001 is on no board bucket');
      const lines = linesOf((await lists.findOne({ _id: board }))?.e).filter((line) => !line.startsWith('SL000001\t'));
      await lists.updateOne({ _id: board }, { $set: { e: lines.join('\n') } });
      const readAfterRestart = reads(restarted);
      await move(restarted, 'acceptor');
      expect(readAfterRestart.length).toBeGreaterThan(2);
      expect(readAfterRestart).toContain(board);
      expect(await holding()).toContain(board);
    } finally {
      await restarted.close();
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    }
  });
});

describe('a list newest first reads the heads of long buckets', () => {
  let db: mongoose.Connection;
  let ctx: ApiContext;
  // One department's open cases: 8 buckets (2 shards × 4 levels) of 100 to 220 entries, each longer than its head.
  const OPEN = 1_040;
  beforeAll(async () => {
    const docs = Array.from({ length: OPEN }, (_, i) => {
      const c = caseOf(i * 5 + 1); // processing, department d1 or another
      const alertLevel = LEVELS[i % LEVELS.length] ?? 'normal';
      return {
        ...c, department: 'd9', position: [{ ...c.position[0], department: 'd9' }], submittedAt: new Date(NOW - ((i * 7919) % OPEN) * 3_600_000),
        alertLevel, urgency: urgencyKey({ status: c.status, alertLevel, deadline: c.deadline?.getTime() ?? null }),
      };
    });
    ({ db, ctx } = await indexed('list-heads', docs));
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  const walk = (query: Record<string, unknown>) => walkList(ctx, { limit: 200, sort: 'newest', department: 'd9', ...query }, root);

  it('gives every page as the scanning query does, past the heads and with a head missing or stale', async (context) => {
    if (!(await isFerretDb(db))) return context.skip();
    const lists = db.collection<{ _id: string; h?: string; len?: number; v?: number }>(CASE_LISTS);
    const summaries = await lists.find({ _id: { $regex: '^n\\|o\\|d:d9\\|' } }).toArray();
    expect(summaries.length).toBe(8);
    for (const s of summaries) expect(linesOf(s.h).length).toBeLessThan(s.len ?? 0);
    const expected = await walk(scanned);
    expect(expected).toHaveLength(OPEN);
    expect(await walk({})).toEqual(expected);
    expect(await walk({ alertLevel: 'red' })).toEqual(await walk({ alertLevel: 'red', ...scanned }));
    // A case placed by the recorder comes first; a summary without a head, or older than its bucket, is passed over.
    const Cases = db.collection<Listable & { seq: number }>('cases');
    const before = await Cases.findOne({ _id: 'SL000006' });
    if (!before) throw new Error('SL000006 missing');
    const after = { ...before, submittedAt: new Date(NOW), seq: before.seq + 1 };
    await Cases.replaceOne({ _id: 'SL000006' }, after);
    await recordPlacement(db, before, after);
    const written = await db.collection<{ _id: string; _v?: number }>(CASE_LISTS).findOne({ _id: { $regex: '^o\\|d:d9\\|' }, _v: { $gte: 1 } });
    if (!written) throw new Error('no bucket the recorder wrote');
    await lists.updateOne({ _id: `n|${written._id}` }, { $set: { v: (written._v ?? 1) - 1, h: '' } });
    await lists.updateOne({ _id: summaries.find((s) => s._id !== `n|${written._id}`)?._id ?? '' }, { $unset: { h: '' } });
    const now = await walk({});
    expect(now[0]).toBe('SL000006');
    expect(now).toEqual(await walk(scanned));
  });
});
