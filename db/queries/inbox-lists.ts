import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { insertAllOnce } from '../insert-once';
import { groupCommit, LIST_PACE_MS } from '../group-commit';
import { inboxMessageModel } from '../models/inbox-message';
import { casWrite, VERSIONS_COLLECTION } from '../versioned-write';
import { linesOf } from './case-list-index';
import { idLists } from './id-lists';

/**
 * The inbox lists: what the inbox reads on FerretDB instead of decoding every message.
 *
 * FerretDB v1 decodes every document of a collection for any filter but `_id` equality, and
 * every signed-in page asks for its unread count every 15 s: read from `inbox_messages`, that
 * count cost a scan of every message of every audience (past about 45,000 messages it no longer
 * answered within its 5 s). So each message is also entered, as one line, in its audience's
 * list in `inbox_lists`, and the inbox reads those lists by `_id`:
 *
 * - `p|<audience>|<n>`: part n (1, 2, …) of an audience's list, its lines
 *   (`<created ms>\t<id>\t<level>\t<department>\t<case>`) as one string (`e`, as the case
 *   list buckets: one string decodes at a fraction of what many cost), the newest instant in
 *   it (`max`) and the newest in every part before it (`older`). A part takes lines until it
 *   holds {@link PART_LINES}; then it is marked `full`, and a full part never changes again.
 *   Lines mostly arrive newest last, but not always (a
 *   recording retried, a notice dated by its event): `older` lets a page walking the parts
 *   newest first stop exactly when no earlier part can hold a newer line.
 * - `j|<audience>|<k>`: the journal, where the lines are written first: entry k (0, 1, …) holds
 *   the lines of one write (all the lines of the audience that arrived together), inserted
 *   under the next `_id` after the last (the unique `_id` gives it to one writer only, also
 *   between processes, and each try follows an entry that exists, so the journal has no hole).
 *   A part records how many entries it and the parts before it have taken (`upto`); the
 *   entries after the last part's are read as lines of that part (or of the next, if it is
 *   full). Entries are never changed or removed.
 * - `h|<audience>`: the number of the last part (a hint: readers look for parts after it).
 * - `r|<user>|<audience>|<YYYY-MM>`: the ids of that audience's messages of that month the
 *   user has read (a message is shared by its audience; each reader marks only their own).
 * - `w|<user>|<audience>`: how many parts the user has read to the end (and for which scope
 *   of departments): a count starts after them. Advanced when a count finds a full part with
 *   nothing unread, so a count reads the parts since the user last caught up.
 *
 * A write is one insert: rewriting a part at every write (a compare-and-swap, several commands
 * carrying the whole part) made a midnight's burst of alerts slower by a fifth. The lines of one
 * audience that arrive during a write go together in the next one, at most one per
 * {@link LIST_PACE_MS} for a recording nobody acted in (a midnight's alerts of a department land
 * on its positions' and its head's lists). The parts take the journal's entries within
 * {@link MERGE_PACE_MS}, off the writers' path ({@link mergeJournal}: compare-and-swaps between
 * processes, db/versioned-write.ts). A message is listed after it is inserted: a crash between
 * the two leaves it unlisted until the recording is tried again, which lists it (a line listed
 * twice is read once).
 */
export const INBOX_LISTS = 'inbox_lists';
/**
 * Lines a part takes before the next part starts. Every merge rewrites the last part whole (a
 * compare-and-swap), so its size is paid at each merge; a count reads the parts at once.
 */
export const PART_LINES = 250;
/** Parts read at once. */
const IN_FLIGHT = 16;
/** Journal entries read at once. */
const JOURNAL_IN_FLIGHT = 4;
/**
 * How long after a journal entry its audience's parts take it (one merge for everything
 * journaled meanwhile, off the recordings' path).
 */
export const MERGE_PACE_MS = 1000;
/** A read that finds this many entries not yet in a part has them merged (their writer stopped before merging). */
const MERGE_AT_READ = 8;

/** One message as its audience's list keeps it. */
export interface InboxLine {
  id: string;
  at: number;
  level: string;
  department: string | null;
  caseNo: string;
}

/** A message as the writers give it (the fields of db/models/inbox-message.ts a line needs). */
export interface ListableMessage {
  _id: string;
  audience: string;
  department?: string | null;
  caseNo: string;
  level: string;
  createdAt: Date;
}

/** A part of an audience's list as stored (`p|<audience>|<n>`). */
export interface InboxPart {
  _id: string;
  e: string;
  max: number;
  older: number;
  full?: boolean;
  /** How many journal entries this part and those before it have taken (none: 0, a part written before the journal). */
  upto?: number;
}

/** A journal entry as stored (`j|<audience>|<k>`): the lines of one write. */
export interface JournalEntry {
  _id: string;
  e: string;
}

const partId = (audience: string, n: number) => `p|${audience}|${n}`;
const hintId = (audience: string) => `h|${audience}`;
const entryId = (audience: string, k: number) => `j|${audience}|${k}`;
const marksId = (user: string, audience: string, month: string) => `r|${user}|${audience}|${month}`;
const caughtUpId = (user: string, audience: string) => `w|${user}|${audience}`;
const monthOf = (at: number) => new Date(at).toISOString().slice(0, 7);

const encode = (l: InboxLine) => [String(l.at), l.id, l.level, l.department ?? '', l.caseNo].join('\t');

function decode(line: string): InboxLine {
  const [at = '0', id = '', level = '', department = '', caseNo = ''] = line.split('\t');
  return { id, at: Number(at), level, department: department === '' ? null : department, caseNo };
}

/** Newest first by (instant, id), as the messages were sorted. */
export const newestFirst = (a: InboxLine, b: InboxLine) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const lists = (db: Connection) => idLists(db, INBOX_LISTS);

/** A message's line. */
const lineOf = (m: ListableMessage): InboxLine => ({ id: m._id, at: m.createdAt.getTime(), level: m.level, department: m.department ?? null, caseNo: m.caseNo });

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether every message is listed (from the start on a database without messages, else after scripts/rebuild-inbox-lists.ts). */
export function inboxListsBuilt(db: Connection): Promise<boolean> {
  return lists(db).built();
}

/** On a database with no message yet, marks the lists complete (every writer then lists what it writes); once per connection. */
export function startInboxLists(db: Connection): Promise<void> {
  return lists(db).start(async () => (await inboxMessageModel(db).estimatedDocumentCount()) === 0);
}

/**
 * Writes inbox messages (each once, by its fixed `_id`; one already there is left as it is)
 * and lists them in their audiences' lists. Every writer of messages writes through here.
 */
export async function recordInboxMessages(db: Connection, messages: readonly (ListableMessage & Record<string, unknown>)[], options: ListOptions = {}): Promise<void> {
  if (messages.length === 0) return;
  await startInboxLists(db);
  await insertAllOnce(inboxMessageModel(db), [...messages]);
  await listMessages(db, messages, options);
}

export interface ListOptions {
  /**
   * Wait for the pace (a recording nobody acted in: a midnight's alerts go together); else the
   * lines are written as soon as the write under way ends (a person's action, the reminders'
   * and the oversight records' messages, written one after another).
   */
  paced?: boolean;
  /** Lines a part takes (tests). */
  partLines?: number;
  /** How long after the write the parts take its lines (tests: Infinity leaves them in the journal). */
  mergeAfterMs?: number;
}

/** Enters messages in their audiences' lists: one journal entry per audience for all the lines that reach it together; the parts take them later. */
export async function listMessages(db: Connection, messages: readonly ListableMessage[], { paced = false, partLines = PART_LINES, mergeAfterMs = MERGE_PACE_MS }: ListOptions = {}): Promise<void> {
  const byAudience = new Map<string, InboxLine[]>();
  for (const m of messages) pushTo(byAudience, m.audience, lineOf(m));
  await Promise.all([...byAudience].map(([audience, lines]) => groupCommit<InboxLine[]>(`${db.id}/${INBOX_LISTS}/${audience}`, lines, async (groups) => {
    await journal(db, audience, groups.flat());
    mergeLater(db, audience, partLines, mergeAfterMs);
  }, { paceMs: LIST_PACE_MS, urgent: !paced })));
}

/** The number of the last part of an audience's list (1 when it has none yet): the hint, then the parts after it. */
async function lastPartNo(db: Connection, audience: string): Promise<number> {
  const coll = db.collection<{ _id: string; n?: number }>(INBOX_LISTS);
  let n = (await coll.findOne({ _id: hintId(audience) }))?.n ?? 1;
  while (await coll.findOne({ _id: partId(audience, n + 1) })) n++;
  return n;
}

/** Per connection, the journal entry of each audience this process will try first (the one after the last it wrote). */
const nextEntry = new WeakMap<Connection, Map<string, number>>();

/** The journal entries of an audience from `from` on, in order, up to the first missing. */
async function readJournal(db: Connection, audience: string, from: number): Promise<JournalEntry[]> {
  const coll = db.collection<JournalEntry>(INBOX_LISTS);
  const entries: JournalEntry[] = [];
  for (let k = from; ; k += JOURNAL_IN_FLIGHT) {
    const batch = await Promise.all(Array.from({ length: JOURNAL_IN_FLIGHT }, (_, i) => coll.findOne({ _id: entryId(audience, k + i) })));
    for (const entry of batch) {
      if (!entry) return entries;
      entries.push(entry);
    }
  }
}

/** Where the journal of an audience ends, looked for from `from` or from what the last part has taken, whichever is later. */
async function journalEnd(db: Connection, audience: string, from: number): Promise<number> {
  const last = (await readParts(db, audience, [await lastPartNo(db, audience)]))[0];
  const start = Math.max(from, last?.upto ?? 0);
  return start + (await readJournal(db, audience, start)).length;
}

/**
 * Adds the lines to the audience's journal as its next entry: an insert of the next `_id`,
 * which the unique `_id` gives to one writer only, also between processes (as db/queries/id-lists.ts).
 */
async function journal(db: Connection, audience: string, lines: readonly InboxLine[]): Promise<void> {
  const known = nextEntry.get(db) ?? nextEntry.set(db, new Map()).get(db) as Map<string, number>;
  const coll = db.collection<JournalEntry>(INBOX_LISTS);
  let k = known.get(audience) ?? (await journalEnd(db, audience, 0));
  for (;;) {
    try {
      await coll.insertOne({ _id: entryId(audience, k), e: lines.map(encode).join('\n') });
      known.set(audience, k + 1);
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      k = await journalEnd(db, audience, k + 1);
    }
  }
}

/** Per connection and audience, the merge under way or waiting (its lines per part, and whether to merge again after it). */
interface Merging {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  partLines: number;
}
const merging = new Map<string, Merging & { db: Connection; audience: string }>();

/** Merges the audience's journal into its parts `afterMs` from now, off the writer's path (once for everything journaled meanwhile). */
function mergeLater(db: Connection, audience: string, partLines: number, afterMs = MERGE_PACE_MS): void {
  if (!Number.isFinite(afterMs)) return;
  const key = `${db.id}/${audience}`;
  const m = merging.get(key);
  if (m) {
    if (m.running) m.again = true;
    return;
  }
  const fresh = { db, audience, partLines, running: null, again: false, timer: null as NodeJS.Timeout | null };
  fresh.timer = setTimeout(() => void runMerge(key), afterMs);
  fresh.timer.unref();
  merging.set(key, fresh);
}

function runMerge(key: string): Promise<void> {
  const m = merging.get(key);
  if (!m) return Promise.resolve();
  if (m.running) return m.running;
  if (m.timer) clearTimeout(m.timer);
  m.timer = null;
  m.running = (async () => {
    do {
      m.again = false;
      try {
        await mergeJournal(m.db, m.audience, m.partLines);
      } catch (error) {
        // The lines stay in the journal, where readers find them; the next write or read merges them.
        if (m.db.readyState === 1) console.error(`inbox lists: merging ${m.audience}:`, error);
        break;
      }
    } while (m.again);
    merging.delete(key);
  })();
  return m.running;
}

/** Runs every merge waiting in this process now and resolves once all are done (tests, benchmarks, a worker that stops). */
export async function inboxListsMerged(): Promise<void> {
  while (merging.size > 0) await Promise.all([...merging.keys()].map(runMerge));
}

/**
 * Moves the audience's journal entries not yet in a part into its parts, in the journal's
 * order: the last part takes entries until it holds `partLines` lines, then is marked full and
 * the next part takes the rest. Each part is written by a compare-and-swap that holds only if
 * the part is as it was read, so where the parts end depends only on the journal, not on which
 * process merged when. A line already in the part it would go to, or in the part before that
 * (a recording tried again), is not taken twice.
 */
export async function mergeJournal(db: Connection, audience: string, partLines = PART_LINES): Promise<void> {
  let n = await lastPartNo(db, audience);
  for (let rounds = 0; rounds < 10_000; rounds++) {
    const [part] = await readParts(db, audience, [n]);
    if (part?.full) {
      n++;
      continue;
    }
    const before = part ? null : n > 1 ? (await readParts(db, audience, [n - 1]))[0] ?? null : null;
    const from = part?.upto ?? before?.upto ?? 0;
    const entries = await readJournal(db, audience, from);
    if (entries.length === 0) return;
    const have = part?.lines ?? [];
    const listed = new Set([...have, ...(before?.lines ?? [])].map((l) => l.id));
    const taken: InboxLine[] = [];
    let upto = from;
    for (const entry of entries) {
      if (have.length + taken.length >= partLines) break;
      for (const l of linesOf(entry.e).map(decode)) {
        if (listed.has(l.id)) continue;
        listed.add(l.id);
        taken.push(l);
      }
      upto++;
    }
    const full = have.length + taken.length >= partLines;
    const older = part?.older ?? (before ? Math.max(before.older, before.max) : 0);
    const doc: InboxPart = {
      _id: partId(audience, n), e: [...have, ...taken].map(encode).join('\n'), max: taken.reduce((x, l) => Math.max(x, l.at), part?.max ?? 0), older, upto,
      ...(full && { full: true }),
    };
    const written = await casWrite<InboxPart>(db, INBOX_LISTS, partId(audience, n), (stored) =>
      ((stored?.upto ?? (stored ? 0 : from)) === from && !stored?.full && linesOf(stored?.e).length === have.length ? doc : null));
    if (!written) continue; // another process merged meanwhile: read again
    if (!part) await casWrite<{ _id: string; n: number }>(db, INBOX_LISTS, hintId(audience), (stored) => ((stored?.n ?? 0) >= n ? null : { _id: hintId(audience), n }));
    if (!full) return;
    n++;
  }
}

interface PartView {
  n: number;
  lines: InboxLine[];
  max: number;
  older: number;
  full: boolean;
  /** The journal entries taken by this part and those before it. */
  upto: number;
}

async function readParts(db: Connection, audience: string, numbers: readonly number[]): Promise<PartView[]> {
  const coll = db.collection<InboxPart>(INBOX_LISTS);
  const docs = await Promise.all(numbers.map((n) => coll.findOne({ _id: partId(audience, n) })));
  return docs.flatMap((d, i) => (d ? [{ n: numbers[i] as number, lines: linesOf(d.e).map(decode), max: d.max, older: d.older, full: d.full === true, upto: d.upto ?? 0 }] : []));
}

/**
 * The parts read, with the journal's lines not yet in a part: as lines of the last part while
 * it takes lines, else as the part after it (`order`: how `parts` are sorted, where that part
 * goes). `last` is the last part's number; it is read if `parts` does not hold it.
 */
async function withJournal(db: Connection, audience: string, parts: PartView[], last: number, order: 'newest first' | 'oldest first'): Promise<PartView[]> {
  const lastPart = parts.find((p) => p.n === last) ?? (await readParts(db, audience, [last]))[0];
  const entries = await readJournal(db, audience, lastPart?.upto ?? 0);
  if (entries.length === 0) return parts;
  if (entries.length >= MERGE_AT_READ) mergeLater(db, audience, PART_LINES);
  const lines = entries.flatMap((entry) => linesOf(entry.e).map(decode));
  const max = lines.reduce((x, l) => Math.max(x, l.at), 0);
  const rest = parts.filter((p) => p.n !== last || lastPart?.full);
  const part: PartView = lastPart && !lastPart.full
    ? { ...lastPart, lines: [...lastPart.lines, ...lines], max: Math.max(lastPart.max, max) }
    : { n: lastPart ? last + 1 : last, lines, max, older: lastPart ? Math.max(lastPart.older, lastPart.max) : 0, full: false, upto: (lastPart?.upto ?? 0) + entries.length };
  return order === 'newest first' ? [part, ...rest] : [...rest, part];
}

/** One audience of the reader: its key and, for the supervision office, the departments whose messages reach the reader (null: all). */
export interface ReaderAudience {
  key: string;
  departments: readonly string[] | null;
}

export interface InboxReaderLists {
  userId: string;
  audiences: readonly ReaderAudience[];
}

const scopeOf = (a: ReaderAudience) => (a.departments === null ? '*' : [...a.departments].sort().join(','));
const visible = (a: ReaderAudience) => {
  const departments = a.departments === null ? null : new Set(a.departments);
  return (l: InboxLine) => departments === null || departments.has(l.department ?? '');
};

/** The read marks of one reader and audience, by month, read when first asked. */
class ReadMarks {
  private readonly months = new Map<string, Promise<Set<string>>>();
  constructor(private readonly db: Connection, private readonly userId: string, private readonly audience: string) {}

  private month(month: string): Promise<Set<string>> {
    let marks = this.months.get(month);
    if (!marks) {
      marks = this.db.collection<{ _id: string; e?: string }>(INBOX_LISTS).findOne({ _id: marksId(this.userId, this.audience, month) })
        .then((d) => new Set(linesOf(d?.e)));
      this.months.set(month, marks);
    }
    return marks;
  }

  /** Which of the lines the reader has read. */
  async read(lines: readonly InboxLine[]): Promise<Set<string>> {
    const months = [...new Set(lines.map((l) => monthOf(l.at)))];
    const sets = await Promise.all(months.map((m) => this.month(m)));
    const byMonth = new Map(months.map((m, i) => [m, sets[i] as Set<string>]));
    return new Set(lines.filter((l) => byMonth.get(monthOf(l.at))?.has(l.id)).map((l) => l.id));
  }
}

/** How many parts the reader has read to the end in this scope (0: none, or another scope then). */
async function caughtUp(db: Connection, userId: string, a: ReaderAudience): Promise<number> {
  const doc = await db.collection<{ _id: string; k?: number; scope?: string }>(INBOX_LISTS).findOne({ _id: caughtUpId(userId, a.key) });
  return doc && doc.scope === scopeOf(a) ? (doc.k ?? 0) : 0;
}

/** The unread lines of one audience (in no order); records how far the reader has now read to the end. */
async function unreadLines(db: Connection, userId: string, a: ReaderAudience): Promise<InboxLine[]> {
  const [last, from] = await Promise.all([lastPartNo(db, a.key), caughtUp(db, userId, a)]);
  const numbers = Array.from({ length: Math.max(0, last - from) }, (_, i) => from + 1 + i);
  const parts: PartView[] = [];
  for (let i = 0; i < numbers.length; i += IN_FLIGHT) parts.push(...(await readParts(db, a.key, numbers.slice(i, i + IN_FLIGHT))));
  parts.splice(0, parts.length, ...(await withJournal(db, a.key, parts, last, 'oldest first')));
  const keep = visible(a);
  const marks = new ReadMarks(db, userId, a.key);
  const unread: InboxLine[] = [];
  let readToEnd = from;
  let contiguous = true;
  const seen = new Set<string>();
  const visibleLines = parts.map((part) => part.lines.filter((l) => keep(l) && !seen.has(l.id) && (seen.add(l.id), true)));
  // The read marks of every month the parts reach, at once.
  const read = await marks.read(visibleLines.flat());
  for (const [i, part] of parts.entries()) {
    const left = (visibleLines[i] ?? []).filter((l) => !read.has(l.id));
    unread.push(...left);
    if (contiguous && part.full && left.length === 0 && part.n === readToEnd + 1) readToEnd = part.n;
    else contiguous = false;
  }
  if (readToEnd > from) {
    const id = caughtUpId(userId, a.key);
    await casWrite<{ _id: string; k: number; scope: string }>(db, INBOX_LISTS, id, (stored) =>
      stored && stored.scope === scopeOf(a) && stored.k >= readToEnd ? null : { _id: id, k: readToEnd, scope: scopeOf(a) });
  }
  return unread;
}

/** How many messages the reader has not read, and the newest of them. */
export async function unreadFromLists(db: Connection, reader: InboxReaderLists): Promise<{ unread: number; latest: string | null }> {
  const lines = (await Promise.all(reader.audiences.map((a) => unreadLines(db, reader.userId, a)))).flat();
  const ids = new Set(lines.map((l) => l.id));
  const latest = lines.reduce<InboxLine | null>((newest, l) => (newest === null || newestFirst(l, newest) < 0 ? l : newest), null);
  return { unread: ids.size, latest: latest?.id ?? null };
}

export interface PageQuery {
  limit: number;
  unread?: boolean;
  kind?: string;
  subject?: string;
  /** Only lines older than this (a keyset cursor). */
  after?: { at: number; id: string };
}

/** A line of a page with its audience and whether the reader has read it. */
export type PageLine = InboxLine & { audience: string; read: boolean };

/** One audience's lines that pass the query, newest first, at least `need` of them unless it holds fewer. */
async function audiencePage(db: Connection, userId: string, a: ReaderAudience, q: PageQuery, need: number): Promise<PageLine[]> {
  const [last, from] = await Promise.all([lastPartNo(db, a.key), q.unread ? caughtUp(db, userId, a) : Promise.resolve(0)]);
  const keep = visible(a);
  const after = q.after;
  const passes = (l: InboxLine) => keep(l) && (q.kind === undefined || l.level === q.kind) && (q.subject === undefined || l.caseNo === q.subject)
    && (after === undefined || l.at < after.at || (l.at === after.at && l.id < after.id));
  const marks = new ReadMarks(db, userId, a.key);
  const found = new Map<string, PageLine>();
  // The first batch also holds the journal's lines not yet in a part (the newest, mostly), even when the reader has read every part.
  for (let top = last, first = true; first || top > from; first = false) {
    const numbers = Array.from({ length: Math.max(0, Math.min(IN_FLIGHT, top - from)) }, (_, i) => top - i);
    top -= numbers.length;
    const parts = await readParts(db, a.key, numbers);
    const batch = first ? await withJournal(db, a.key, parts, last, 'newest first') : parts;
    const read = await marks.read(batch.flatMap((part) => part.lines.filter(passes)));
    for (const part of batch) {
      const lines = part.lines.filter((l) => passes(l) && !found.has(l.id));
      for (const l of lines) if (!(q.unread && read.has(l.id))) found.set(l.id, { ...l, audience: a.key, read: read.has(l.id) });
      const sorted = [...found.values()].sort(newestFirst);
      const kth = sorted[need - 1];
      // Every line of the parts before this one is at `older` or earlier.
      if (kth && kth.at > part.older) return sorted;
      if (part.n === 1) return sorted;
    }
  }
  return [...found.values()].sort(newestFirst);
}

/** The reader's page: the newest `limit + 1` lines that pass the query over all their audiences (the one past the page says there is a next). */
export async function pageFromLists(db: Connection, reader: InboxReaderLists, q: PageQuery): Promise<PageLine[]> {
  const pages = await Promise.all(reader.audiences.map((a) => audiencePage(db, reader.userId, a, q, q.limit + 1)));
  const seen = new Set<string>();
  return pages.flat().sort(newestFirst).filter((l) => !seen.has(l.id) && (seen.add(l.id), true)).slice(0, q.limit + 1);
}

/** Marks messages of one audience read by the reader (one compare-and-swap per month they fall in); answers how many were not marked before. */
export async function markLinesRead(db: Connection, userId: string, audience: string, lines: readonly Pick<InboxLine, 'id' | 'at'>[]): Promise<number> {
  const byMonth = new Map<string, string[]>();
  for (const l of lines) pushTo(byMonth, monthOf(l.at), l.id);
  let marked = 0;
  for (const [month, ids] of byMonth) {
    const id = marksId(userId, audience, month);
    const written = await casWrite<{ _id: string; e: string }>(db, INBOX_LISTS, id, (stored) => {
      const have = linesOf(stored?.e);
      const known = new Set(have);
      const added = [...new Set(ids)].filter((x) => !known.has(x));
      return added.length === 0 ? null : { _id: id, e: [...have, ...added].join('\n') };
    });
    if (written) marked += linesOf(written.after.e).length - linesOf(written.before?.e).length;
  }
  return marked;
}

/** Marks every message of the reader's audiences not read yet and created by `before`; answers how many. */
export async function markAllFromLists(db: Connection, reader: InboxReaderLists, before: number): Promise<number> {
  let marked = 0;
  for (const a of reader.audiences) {
    const lines = (await unreadLines(db, reader.userId, a)).filter((l) => l.at <= before);
    marked += await markLinesRead(db, reader.userId, a.key, lines);
  }
  return marked;
}

/**
 * Rebuilds the lists from the messages, with their readers' `readBy` as read marks: for a
 * database written before the lists, with no worker running (scripts/rebuild-inbox-lists.ts).
 */
export async function rebuildInboxLists(db: Connection, partLines = PART_LINES): Promise<number> {
  const byAudience = new Map<string, InboxLine[]>();
  const marks = new Map<string, string[]>();
  let n = 0;
  const cursor = inboxMessageModel(db).find({}).lean<(ListableMessage & { readBy?: string[] })[]>().cursor();
  for await (const m of cursor) {
    pushTo(byAudience, m.audience, lineOf(m));
    for (const user of m.readBy ?? []) pushTo(marks, marksId(user, m.audience, monthOf(m.createdAt.getTime())), m._id);
    n++;
  }
  const coll = db.collection<{ _id: string }>(INBOX_LISTS);
  await coll.deleteMany({});
  // The lists' earlier versions go too, else the next compare-and-swap would continue from them.
  await db.collection<{ _id: string }>(VERSIONS_COLLECTION).deleteMany({ _id: { $regex: `^${INBOX_LISTS}/` } });
  const rows: object[] = [];
  for (const [audience, lines] of byAudience) {
    lines.sort((a, b) => -newestFirst(a, b));
    let older = 0;
    const count = Math.ceil(lines.length / partLines);
    for (let k = 0; k < count; k++) {
      const part = lines.slice(k * partLines, (k + 1) * partLines);
      const max = part.reduce((m, l) => Math.max(m, l.at), 0);
      rows.push({ _id: partId(audience, k + 1), e: part.map(encode).join('\n'), max, older, ...(k < count - 1 && { full: true }) });
      older = Math.max(older, max);
    }
    rows.push({ _id: hintId(audience), n: count });
  }
  for (const [_id, ids] of marks) rows.push({ _id, e: ids.join('\n') });
  for (let i = 0; i < rows.length; i += 200) await coll.insertMany(rows.slice(i, i + 200) as { _id: string }[]);
  await lists(db).markBuilt();
  return n;
}
