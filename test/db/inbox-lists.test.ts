import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listInbox, markAllRead, markRead, unreadCount } from '../../api/inbox/service';
import type { Principal } from '../../api/http/principal';
import { inboxMessageModel } from '../../db/models/inbox-message';
import {
  INBOX_LISTS, inboxListsBuilt, listMessages, markAllFromLists, markLinesRead, newestFirst, pageFromLists, rebuildInboxLists, recordInboxMessages,
  unreadFromLists, type InboxLine, type InboxPart as Part, type InboxReaderLists,
} from '../../db/queries/inbox-lists';

const T0 = Date.parse('2026-12-07T16:00:00Z');
const connect = (name: string) => mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${name}-${randomUUID().slice(0, 8)}`), { maxPoolSize: 40 }).asPromise();

const message = (id: string, audience: string, at: number, extra: Record<string, unknown> = {}) => ({
  _id: id, audience, department: 'health', caseNo: `SL${id}`, alertId: null, level: 'warning', subject: `[warning] ${id}`, body: '最后一个工作日',
  createdAt: new Date(at), ...extra,
});

const person = (userId: string, roles: Principal['roles'], department: string | null, positions: string[], scope?: string[] | null): Principal =>
  ({ userId, username: userId, name: userId, roles, department, positions, ...(scope !== undefined && { scope }) });

async function partsOf(db: mongoose.Connection, audience: string): Promise<Part[]> {
  const parts: Part[] = [];
  for (let n = 1; ; n++) {
    const part = await db.collection<Part>(INBOX_LISTS).findOne({ _id: `p|${audience}|${n}` });
    if (!part) return parts;
    parts.push(part);
  }
}

const idsOf = (part: Part) => part.e.split('\n').map((l) => l.split('\t')[1] ?? '');

/** Every page of a reader's lines, following the cursor. */
async function allPages(db: mongoose.Connection, reader: InboxReaderLists, limit: number, q: { kind?: string; unread?: boolean } = {}): Promise<string[]> {
  const ids: string[] = [];
  let after: { at: number; id: string } | undefined;
  for (let i = 0; i < 100; i++) {
    const lines = await pageFromLists(db, reader, { limit, ...q, ...(after && { after }) });
    const page = lines.slice(0, limit);
    ids.push(...page.map((l) => l.id));
    const last = page.at(-1);
    if (lines.length <= limit || !last) return ids;
    after = { at: last.at, id: last.id };
  }
  throw new Error('more than 100 pages');
}

/**
 * The inbox is read through its lists by `_id`: on FerretDB any other filter decodes every
 * message, and every signed-in page asks for its unread count every 15 s (past about 45,000
 * messages that read no longer answered within its 5 s).
 */
describe('inbox lists', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connect('inbox-lists');
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('reads the messages and their lists by _id alone, however many messages there are', async () => {
    const audiences = ['assignee:reviewer@health', 'department-head:health', 'supervision-office', 'assignee:acceptor@edu'];
    await recordInboxMessages(db, Array.from({ length: 400 }, (_, i) =>
      message(`m${i}`, audiences[i % 4] as string, T0 + i * 1000, { department: i % 8 < 4 ? 'health' : 'edu', level: i % 3 === 0 ? 'yellow' : 'warning' })));
    expect(await inboxListsBuilt(db)).toBe(true);
    const clerk = person('u-clerk', ['clerk'], 'health', ['reviewer']);
    const county = person('u-county', ['supervisor'], 'health', [], ['health']);
    const filters: [string, string, unknown][] = [];
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      if ((collection === 'inbox_messages' || collection === INBOX_LISTS) && !method.startsWith('insert')) filters.push([collection, method, filter]);
    });
    let first: Awaited<ReturnType<typeof listInbox>>;
    try {
      expect(await unreadCount(db, clerk)).toEqual({ unread: 100, latest: 'm396' });
      first = await listInbox(db, clerk, { limit: 5, kind: 'yellow' });
      await listInbox(db, clerk, { limit: 5, unread: true, cursor: first.nextCursor ?? undefined });
      expect((await markRead(db, clerk, 'm396')).read).toBe(true);
      expect(await markAllRead(db, county, new Date(T0 + 200_000))).toEqual({ marked: 25 });
      expect(await unreadCount(db, county)).toMatchObject({ unread: 25 });
    } finally {
      db.set('debug', false);
    }
    expect(first.items.map((m) => m.id)).toEqual(['m396', 'm384', 'm372', 'm360', 'm348']);
    expect(filters.some(([c]) => c === 'inbox_messages')).toBe(true);
    expect(filters.some(([c]) => c === INBOX_LISTS)).toBe(true);
    const notById = filters.filter(([, , f]) => typeof (f as { _id?: unknown } | null)?._id !== 'string' || Object.keys(f as object).length !== 1);
    expect(notById).toEqual([]);
  });

  it('pages newest first across parts, exactly, also past a line that arrived after newer ones', async () => {
    const audience = 'assignee:pages@health';
    const at = (i: number) => T0 + i * 60_000;
    for (let i = 0; i < 14; i += 2) await listMessages(db, [message(`p${i}`, audience, at(i)), message(`p${i + 1}`, audience, at(i + 1), { level: 'yellow' })], { partLines: 4 });
    // Recorded late (a retried recording): older than every line before it, in the newest part.
    await listMessages(db, [message('late', audience, at(-30))], { partLines: 4 });
    await listMessages(db, [message('p14', audience, at(14)), message('p15', audience, at(15), { level: 'yellow' })], { partLines: 4 });
    // Listed again (the recording retried), its part full by now: still one line.
    await listMessages(db, [message('p15', audience, at(15), { level: 'yellow' })], { partLines: 4 });
    const parts = await partsOf(db, audience);
    expect(parts.map(idsOf).flat().sort()).toEqual([...Array.from({ length: 16 }, (_, i) => `p${i}`), 'late'].sort());
    expect(parts.slice(0, -1).every((p) => p.full === true)).toBe(true);
    expect(parts.at(-1)?.full).toBeUndefined();
    parts.forEach((p, k) => expect(p.older).toBe(Math.max(0, ...parts.slice(0, k).map((q) => q.max))));
    const reader = { userId: 'u-pages', audiences: [{ key: audience, departments: null }] };
    const expected = [...Array.from({ length: 16 }, (_, i) => 15 - i).map((i) => `p${i}`), 'late'];
    for (const limit of [1, 3, 5, 50]) expect(await allPages(db, reader, limit)).toEqual(expected);
    expect(await allPages(db, reader, 2, { kind: 'yellow' })).toEqual(expected.filter((id) => /^p\d+$/.test(id) && Number(id.slice(1)) % 2 === 1));
  });

  it('two processes listing one audience at once lose no line and list none twice', async () => {
    const audience = 'assignee:burst@health';
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`);
    const writer = (prefix: string) => promisify(execFile)(process.execPath,
      ['--import', 'tsx', join(__dirname, 'support', 'inbox-writer.ts'), uri, audience, prefix, '60', '7'], { cwd: join(__dirname, '..', '..') });
    await Promise.all([writer('a'), writer('b')]);
    const parts = await partsOf(db, audience);
    const ids = parts.flatMap(idsOf);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.slice(0, -1).every((p) => p.full === true)).toBe(true);
    parts.forEach((p, k) => expect(p.older).toBe(Math.max(0, ...parts.slice(0, k).map((q) => q.max))));
    const reader = { userId: 'u-burst', audiences: [{ key: audience, departments: null }] };
    const lines = parts.flatMap((p) => p.e.split('\n').map((l): InboxLine => {
      const [a = '0', id = ''] = l.split('\t');
      return { at: Number(a), id, level: 'warning', department: 'health', caseNo: '' };
    }));
    expect(await allPages(db, reader, 9)).toEqual(lines.sort(newestFirst).map((l) => l.id));
    expect(await unreadFromLists(db, reader)).toMatchObject({ unread: 120 });
  }, 120_000);

  it('counts what each reader has not read, in their scope, from the parts they have not read to the end', async () => {
    const audience = 'supervision-office';
    const own = await connect('inbox-unread');
    try {
      const at = (i: number) => T0 + i * 1000;
      for (let i = 0; i < 12; i++) await listMessages(own, [message(`u${i}`, audience, at(i), { department: i % 2 === 0 ? 'health' : 'edu' })], { partLines: 5 });
      const city = { userId: 'u-city', audiences: [{ key: audience, departments: null }] };
      const county = { userId: 'u-county', audiences: [{ key: audience, departments: ['health'] }] };
      expect(await unreadFromLists(own, city)).toEqual({ unread: 12, latest: 'u11' });
      expect(await unreadFromLists(own, county)).toEqual({ unread: 6, latest: 'u10' });
      expect(await markAllFromLists(own, county, at(100))).toBe(6);
      expect(await unreadFromLists(own, county)).toEqual({ unread: 0, latest: null });
      expect(await unreadFromLists(own, city)).toEqual({ unread: 12, latest: 'u11' });
      // The county's reader has read parts 1 and 2 to the end (full, nothing of theirs unread); part 3 still takes lines.
      expect(await own.collection<{ _id: string; k?: number }>(INBOX_LISTS).findOne({ _id: `w|u-county|${audience}` })).toMatchObject({ k: 2, scope: 'health' });
      await listMessages(own, [message('u12', audience, at(12), { department: 'health' })], { partLines: 5 });
      expect(await unreadFromLists(own, county)).toEqual({ unread: 1, latest: 'u12' });
      // Another scope does not start after the parts read in this one.
      expect(await unreadFromLists(own, { userId: 'u-county', audiences: [{ key: audience, departments: ['health', 'edu'] }] })).toEqual({ unread: 7, latest: 'u12' });
      expect(await markLinesRead(own, 'u-city', audience, [{ id: 'u11', at: at(11) }])).toBe(1);
      expect(await markLinesRead(own, 'u-city', audience, [{ id: 'u11', at: at(11) }])).toBe(0);
      expect(await unreadFromLists(own, city)).toEqual({ unread: 12, latest: 'u12' });
      expect(await pageFromLists(own, city, { limit: 3, unread: true })).toMatchObject([{ id: 'u12' }, { id: 'u10' }, { id: 'u9' }, { id: 'u8' }]);
      expect((await pageFromLists(own, city, { limit: 2 })).map((l) => [l.id, l.read])).toEqual([['u12', false], ['u11', true], ['u10', false]]);
    } finally {
      await own.dropDatabase().catch(() => undefined);
      await own.close();
    }
  });

  it('a database written before the lists reads its messages until rebuilt, and answers the same after', async () => {
    const old = await connect('inbox-rebuild');
    try {
      const clerk = person('u-old', ['clerk'], 'health', ['reviewer']);
      const county = person('u-sup', ['supervisor'], 'health', [], ['health']);
      await inboxMessageModel(old).insertMany(Array.from({ length: 30 }, (_, i) => message(`o${i}`, i % 2 === 0 ? 'assignee:reviewer@health' : 'supervision-office', T0 + i * 1000, {
        department: i % 4 === 1 ? 'edu' : 'health', readBy: i % 3 === 0 ? ['u-old', 'u-sup'] : [],
      })));
      const answers = async () => ({
        clerk: await unreadCount(old, clerk), county: await unreadCount(old, county),
        page: (await listInbox(old, clerk, { limit: 4 })).items.map((m) => [m.id, m.read]),
        unread: (await listInbox(old, county, { limit: 50, unread: true })).items.map((m) => m.id),
      });
      expect(await inboxListsBuilt(old)).toBe(false);
      const scans: unknown[] = [];
      old.set('debug', (collection: string, method: string, filter: unknown, ...rest: unknown[]) => {
        if (collection === 'inbox_messages' && method.startsWith('find') && Object.keys(filter as object).join() !== '_id') scans.push(Object.assign({}, ...rest.filter((r) => typeof r === 'object')));
      });
      let before: Awaited<ReturnType<typeof answers>>;
      try {
        before = await answers();
      } finally {
        old.set('debug', false);
      }
      // Until rebuilt, the inbox scans the messages, each scan bounded: past it FerretDB stops and the API answers 503 list-too-slow.
      expect(scans.length).toBeGreaterThanOrEqual(4);
      expect(scans.every((o) => typeof (o as { maxTimeMS?: unknown }).maxTimeMS === 'number')).toBe(true);
      expect(before.clerk).toEqual({ unread: 10, latest: 'o28' });
      expect(await inboxListsBuilt(old)).toBe(false);
      expect(await rebuildInboxLists(old, 4)).toBe(30);
      expect(await inboxListsBuilt(old)).toBe(true);
      expect(await answers()).toEqual(before);
      // Read after the rebuild through the lists: marked once.
      expect(await markAllRead(old, clerk, new Date(T0 + 60_000))).toEqual({ marked: 10 });
      expect(await unreadCount(old, clerk)).toEqual({ unread: 0, latest: null });
    } finally {
      await old.dropDatabase().catch(() => undefined);
      await old.close();
    }
  });
});
