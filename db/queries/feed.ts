import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';

/*
 * The supervision feed: every append-only record of the platform in one total order, for
 * the provincial system (系统联网). Each source is a collection whose documents are
 * written once and never changed, stamped when written: case events (which carry the
 * alerts and anomalies, and every change of a case), supervision-order and complaint
 * events, and the supervision log (which carries acknowledgements and every other
 * supervisor and administrator action). Order: (write time, source name, _id).
 *
 * A write stamped at t may land a moment after another stamped later, so the feed only
 * reaches up to `now − settle`: anything stamped before that horizon is in the database
 * by then, and a page of the feed, once read, never changes.
 */

/** How far behind the clock the feed stays by default. */
export const FEED_SETTLE_MS = 10_000;

export interface FeedSource {
  name: string;
  collection: string;
  /** Write-time field (a Date). */
  time: string;
}

export const FEED_SOURCES: readonly FeedSource[] = [
  { name: 'case-event', collection: 'case_events', time: 'recordedAt' },
  { name: 'oversight-event', collection: 'oversight_events', time: 'recordedAt' },
  { name: 'supervision-log', collection: 'supervision_log', time: 'at' },
];

type Id = string | number;

/** A place in the feed: after the entry with this key. */
export interface FeedKey {
  t: number;
  source: string;
  id: Id;
}

export interface FeedEntry {
  cursor: string;
  source: string;
  id: Id;
  at: string;
  data: Record<string, unknown>;
}

/** Cursors are opaque to clients: base64url of [time, source, id]; '' is the start. */
export function encodeCursor(key: FeedKey): string {
  return Buffer.from(JSON.stringify([key.t, key.source, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): FeedKey | null {
  if (cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new TypeError('not a feed cursor');
  }
  if (!Array.isArray(value) || value.length !== 3) throw new TypeError('not a feed cursor');
  const [t, source, id] = value as unknown[];
  if (typeof t !== 'number' || typeof source !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
    throw new TypeError('not a feed cursor');
  }
  return { t, source, id };
}

/** Same range, same id: a re-sent batch is recognisably the one sent before. */
export function batchIdOf(from: string, to: string): string {
  return createHash('sha256').update(`${from}..${to}`).digest('hex').slice(0, 40);
}

function compare(a: FeedKey, b: FeedKey): number {
  if (a.t !== b.t) return a.t - b.t;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Documents of one source strictly after `after`, up to `until` (inclusive), in feed order. */
function afterFilter(source: FeedSource, after: FeedKey | null, until: FeedKey): Record<string, unknown> {
  const time = source.time;
  const lower = (() => {
    if (!after) return {};
    const at = new Date(after.t);
    if (source.name < after.source) return { [time]: { $gt: at } };
    if (source.name > after.source) return { [time]: { $gte: at } };
    return { $or: [{ [time]: { $gt: at } }, { [time]: at, _id: { $gt: after.id } }] };
  })();
  const end = new Date(until.t);
  const upper = source.name < until.source
    ? { [time]: { $lte: end } }
    : source.name > until.source
      ? { [time]: { $lt: end } }
      : { $or: [{ [time]: { $lt: end } }, { [time]: end, _id: { $lte: until.id } }] };
  return { $and: [lower, upper] };
}

const indexed = new WeakMap<Connection, Promise<unknown>>();

/** Index every source on (time, _id) once per connection, so a page is an index range scan. */
export function ensureFeedIndexes(db: Connection): Promise<unknown> {
  let done = indexed.get(db);
  if (!done) {
    done = Promise.all(FEED_SOURCES.map((s) => db.collection(s.collection).createIndex({ [s.time]: 1, _id: 1 })));
    indexed.set(db, done);
  }
  return done;
}

export interface FeedPage {
  entries: FeedEntry[];
  /** Cursor after the last entry (the given one when the page is empty). */
  next: string;
  /** The page reaches no further than this instant. */
  horizon: string;
}

/**
 * The next entries after `after`: at most `limit`, stamped no later than `horizon`, and
 * at most up to the cursor `through` when given (to read back a batch exactly).
 */
export async function readFeed(
  db: Connection, options: { after: string; limit: number; horizon: number; through?: string },
): Promise<FeedPage> {
  await ensureFeedIndexes(db);
  const after = decodeCursor(options.after);
  const through = options.through === undefined ? null : decodeCursor(options.through);
  // '\uffff' sorts after every source name and id: the whole of the horizon's millisecond.
  const until: FeedKey = through ?? { t: options.horizon, source: '\uffff', id: '\uffff' };
  const found: (FeedKey & { doc: Record<string, unknown> })[] = [];
  for (const source of FEED_SOURCES) {
    const docs = await db.collection(source.collection)
      .find(afterFilter(source, after, until))
      .sort({ [source.time]: 1, _id: 1 })
      .limit(options.limit)
      .toArray();
    for (const doc of docs) {
      const at = doc[source.time];
      if (!(at instanceof Date)) continue;
      found.push({ t: at.getTime(), source: source.name, id: doc._id as unknown as Id, doc });
    }
  }
  found.sort(compare);
  const entries = found.slice(0, options.limit).map((f) => ({
    cursor: encodeCursor(f), source: f.source, id: f.id, at: new Date(f.t).toISOString(),
    data: JSON.parse(JSON.stringify(f.doc)) as Record<string, unknown>,
  }));
  return { entries, next: entries.at(-1)?.cursor ?? options.after, horizon: new Date(until.t).toISOString() };
}
