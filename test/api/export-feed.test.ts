import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './harness';

interface Line {
  type: 'page' | 'entry';
  next?: string;
  count?: number;
  more?: boolean;
  cursor?: string;
  source?: string;
  id?: string | number;
  at?: string;
  data?: Record<string, unknown>;
}

describe('export feed (NDJSON pull)', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;
  const base = Date.now() - 3_600_000;

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    tokens = await api.people(admin, [{ username: 'sup', roles: ['supervisor'] }, { username: 'aud', roles: ['auditor'] }, { username: 'adm2', roles: ['administrator'] }]);
    await api.db.collection('case_events').insertMany(Array.from({ length: 45 }, (_, i) => ({
      _id: `F-${String(i).padStart(2, '0')}:1` as unknown as mongoose.Types.ObjectId, caseNo: `F-${i}`, seq: 1, type: 'submitted',
      at: new Date(base), recordedAt: new Date(base + Math.floor(i / 4)),
    })));
    await api.db.collection('oversight_events').insertMany(Array.from({ length: 6 }, (_, i) => ({
      _id: `O-${i}:1` as unknown as mongoose.Types.ObjectId, subject: 'complaint', subjectId: `O-${i}`, seq: 1, type: 'registered', recordedAt: new Date(base + i),
    })));
  });
  afterAll(() => api?.stop());

  async function page(after: string, limit: number, token = tokens['aud']!): Promise<{ status: number; lines: Line[]; next: string | null }> {
    const res = await fetch(`${api.url}/export/feed?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, lines: [], next: null };
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    return { status: res.status, lines: text.trim().split('\n').map((l) => JSON.parse(l) as Line), next: res.headers.get('x-next-cursor') };
  }

  it('pages through every settled entry once, in order, and stops where the feed ends', async () => {
    const seen: Line[] = [];
    let after = '';
    let pages = 0;
    for (;;) {
      const { lines, next } = await page(after, 10);
      const [header, ...entries] = lines;
      expect(header).toMatchObject({ type: 'page', count: entries.length, next });
      seen.push(...entries);
      pages++;
      if (!header!.more) break;
      after = header!.next!;
    }
    expect(pages).toBe(6);
    expect(seen).toHaveLength(51);
    expect(new Set(seen.map((e) => `${e.source}:${e.id}`)).size).toBe(51);
    const order = seen.map((e) => [Date.parse(e.at!), e.source!, String(e.id)] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    expect(order).toEqual(sorted);
    expect(seen[0]).toMatchObject({ source: 'case-event', id: 'F-00:1', data: { caseNo: 'F-0', type: 'submitted' } });
    // The users just created were logged a moment ago: behind the settle horizon, not in the feed yet.
    expect(seen.some((e) => e.source === 'supervision-log')).toBe(false);

    const last = seen.at(-1)!.cursor!;
    const end = await page(last, 10);
    expect(end.lines).toEqual([expect.objectContaining({ type: 'page', count: 0, more: false, next: last })]);

    // A page read again from the same cursor is the same page.
    const again = await page(seen[9]!.cursor!, 10);
    expect(again.lines.slice(1).map((e) => e.id)).toEqual(seen.slice(10, 20).map((e) => e.id));
  });

  it('is for supervisors and auditors, and refuses a cursor it did not make', async () => {
    expect((await page('', 5, tokens['sup']!)).status).toBe(200);
    expect((await page('', 5, tokens['adm2']!)).status).toBe(403);
    const bad = await api.call('/export/feed?after=bm90LWEtY3Vyc29y', { token: tokens['aud']! });
    expect(bad.status).toBe(400);
    expect((await api.call('/export/feed')).status).toBe(401);
    const status = await api.call('/export/status', { token: tokens['adm2']! });
    expect(status.body).toEqual({ cursor: '', batches: 0, entries: 0, lastBatchId: null, lastSentAt: null, pending: null });
  });
});
