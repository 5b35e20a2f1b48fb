import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInboxMessages } from '../../db/queries/inbox-lists';
import { ApiHarness } from './harness';

describe('inbox API', () => {
  let h: ApiHarness;
  let tokens: Record<string, string>;
  const T0 = Date.parse('2026-11-02T02:00:00Z');

  /** A message as the activities write it (inserted once, no `readBy`, listed in its audience's list): addressed to an audience. */
  const write = (id: string, audience: string, caseNo: string, level: string, minutes: number) => recordInboxMessages(h.db, [{
    _id: id, audience, department: audience.split(/[:@]/).at(-1) ?? null, caseNo, alertId: `${caseNo}:x`, level,
    subject: `[${level}] ${caseNo}`, body: 'reason', createdAt: new Date(T0 + minutes * 60_000),
  }]);

  beforeAll(async () => {
    h = await ApiHarness.start();
    const admin = await h.adminToken();
    tokens = await h.people(admin, [
      { username: 'clerk-a', roles: ['clerk'], department: 'health', positions: ['reviewer'] },
      { username: 'clerk-b', roles: ['clerk'], department: 'tax', positions: ['reviewer'] },
      { username: 'officer-a', roles: ['department-officer'], department: 'health' },
      { username: 'supervisor-a', roles: ['supervisor'] },
    ]);
    await write('SL1:yellowCard:0', 'assignee:reviewer@health', 'SL20261102000001', 'yellow', 1);
    await write('SL1:yellowCard:1', 'department-head:health', 'SL20261102000001', 'yellow', 1);
    await write('SL2:warning:0', 'assignee:reviewer@health', 'SL20261102000002', 'warning', 2);
    await write('SL3:warning:0', 'assignee:acceptor@health', 'SL20261102000003', 'warning', 3);
    await write('SL4:warning:0', 'assignee:reviewer@tax', 'SL20261102000004', 'warning', 4);
    await write('DB1:orderReminder:0', 'department-head:health', 'DB20261102000001', 'warning', 5);
    await write('TS1:complaintEscalated:0', 'supervision-office', 'TS20261102000001', 'red', 6);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((m) => m.id);

  it('shows each user the messages of the audiences they belong to, newest first, with a link to what each is about', async () => {
    expect(ids((await h.call('/inbox', { token: tokens['clerk-a'] })).body)).toEqual(['SL2:warning:0', 'SL1:yellowCard:0']);
    expect(ids((await h.call('/inbox', { token: tokens['clerk-b'] })).body)).toEqual(['SL4:warning:0']);
    const officer = await h.call('/inbox', { token: tokens['officer-a'] });
    expect(ids(officer.body)).toEqual(['DB1:orderReminder:0', 'SL1:yellowCard:1']);
    expect(officer.body.items[0]).toMatchObject({ kind: 'warning', subject: { kind: 'supervision-order', id: 'DB20261102000001' }, read: false });
    const supervisor = await h.call('/inbox', { token: tokens['supervisor-a'] });
    expect(supervisor.body.items).toEqual([expect.objectContaining({ subject: { kind: 'complaint', id: 'TS20261102000001' }, kind: 'red' })]);
    expect((await h.call('/inbox', { token: await h.adminToken() })).body.items).toEqual([]);
  });

  it('filters by kind and subject, pages by cursor, and refuses a forged cursor and an unknown kind', async () => {
    const token = tokens['clerk-a'];
    expect(ids((await h.call('/inbox?kind=yellow', { token })).body)).toEqual(['SL1:yellowCard:0']);
    expect(ids((await h.call('/inbox?subject=SL20261102000002', { token })).body)).toEqual(['SL2:warning:0']);
    // Another audience's case is not found through the subject filter either.
    expect(ids((await h.call('/inbox?subject=SL20261102000004', { token })).body)).toEqual([]);
    const first = await h.call('/inbox?limit=1', { token });
    expect(ids(first.body)).toEqual(['SL2:warning:0']);
    const second = await h.call(`/inbox?limit=1&cursor=${first.body.nextCursor as string}`, { token });
    expect(ids(second.body)).toEqual(['SL1:yellowCard:0']);
    expect(second.body.nextCursor).toBeNull();
    const forged = await h.call('/inbox?cursor=bm90LWEtY3Vyc29y', { token });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ in: 'query', pointer: '/cursor' });
    expect((await h.call('/inbox?kind=purple', { token })).status).toBe(400);
  });

  it('counts unread with an ETag, answers 304 while nothing changed, and marks one and then all read for that user only', async () => {
    const token = tokens['officer-a'];
    const count = await h.call('/inbox/unread', { token });
    expect(count.body).toEqual({ unread: 2, latest: 'DB1:orderReminder:0' });
    const etag = count.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await h.call('/inbox/unread', { token, headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeUndefined();

    // Another user's message is not theirs to mark: the same 404 as none.
    expect((await h.call('/inbox/SL4:warning:0/read', { token, method: 'POST' })).status).toBe(404);
    const read = await h.call('/inbox/DB1:orderReminder:0/read', { token, method: 'POST' });
    expect(read.body).toMatchObject({ id: 'DB1:orderReminder:0', read: true });
    expect((await h.call('/inbox/DB1:orderReminder:0/read', { token, method: 'POST' })).body.read).toBe(true);
    const after = await h.call('/inbox/unread', { token, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ unread: 1, latest: 'SL1:yellowCard:1' });
    expect(ids((await h.call('/inbox?unread=true', { token })).body)).toEqual(['SL1:yellowCard:1']);

    expect((await h.call('/inbox/read-all', { token, method: 'POST' })).body).toEqual({ marked: 1 });
    expect((await h.call('/inbox/unread', { token })).body).toEqual({ unread: 0, latest: null });
    // The clerk shares a message's case, not its read mark.
    expect((await h.call('/inbox/unread', { token: tokens['clerk-a'] })).body.unread).toBe(2);
  });

  it('reads messages and their lists by _id alone, and marks one read by its _id', async () => {
    const token = tokens['officer-a'];
    const calls: { collection: string; method: string; filter: unknown }[] = [];
    h.db.set('debug', (collection: string, method: string, filter: unknown) => {
      if ((collection === 'inbox_messages' || collection === 'inbox_lists') && !method.startsWith('insert')) calls.push({ collection, method, filter });
    });
    try {
      expect((await h.call('/inbox/unread', { token })).status).toBe(200);
      expect((await h.call('/inbox?limit=5', { token })).status).toBe(200);
      expect((await h.call('/inbox/SL4:warning:0/read', { token, method: 'POST' })).status).toBe(404);
      expect((await h.call('/inbox/SL1:yellowCard:1/read', { token, method: 'POST' })).status).toBe(200);
    } finally {
      h.db.set('debug', false);
    }
    expect(calls.some((c) => c.collection === 'inbox_lists')).toBe(true);
    expect(calls.some((c) => c.collection === 'inbox_messages')).toBe(true);
    expect(calls.filter((c) => Object.keys((c.filter ?? {}) as object).join() !== '_id')).toEqual([]);
  });
});
