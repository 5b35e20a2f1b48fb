import type { Connection } from 'mongoose';
import { insertAllOnce } from '../insert-once';
import { groupCommit, LIST_PACE_MS } from '../group-commit';
import { inboxMessageModel } from '../models/inbox-message';
import { casWrite, forgetVersions, VERSIONS_COLLECTION } from '../versioned-write';
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
 *   holds {@link PART_LINES}; then it is marked `full`, and a full part never changes again
 *   (the mark is a compare-and-swap, so a writer that computed from the part before the mark
 *   writes again, into the next part). Lines mostly arrive newest last, but not always (a
 *   recording retried, a notice dated by its event): `older` lets a page walking the parts
 *   newest first stop exactly when no earlier part can hold a newer line.
 * - `h|<audience>`: the number of the last part (a hint: readers look for parts after it).
 * - `r|<user>|<audience>|<YYYY-MM>`: the ids of that audience's messages of that month the
 *   user has read (a message is shared by its audience; each reader marks only their own).
 * - `w|<user>|<audience>`: how many parts the user has read to the end (and for which scope
 *   of departments): a count starts after them. Advanced when a count finds a full part with
 *   nothing unread, so a count reads the parts since the user last caught up.
 *
 * Every write is a compare-and-swap between processes (db/versioned-write.ts); the lines of one
 * audience that arrive while its part is being written go together in the next write, at most
 * one per {@link LIST_PACE_MS} (a midnight's alerts of a department land on its positions' and
 * its head's lists), and each process writes on at the part it last wrote to. A message is listed
 * after it is inserted: a crash between the two leaves it unlisted until the recording is
 * tried again, which lists it (a line listed twice is read once).
 */
export const INBOX_LISTS = 'inbox_lists';
/**
 * Lines a part takes before the next part starts. Every write of a part rewrites it whole (a
 * compare-and-swap), so the part's size is paid at each write: with 2,000 lines a burst of
 * 1,000 cases' alerts was recorded in 87 s, with 250 in 44–67 s over four runs (a single run
 * varies by a fifth; README, Performance); a count reads eight times as many parts, at once.
 */
export const PART_LINES = 250;
/** Parts read at once. */
const IN_FLIGHT = 16;

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
}

const partId = (audience: string, n: number) => `p|${audience}|${n}`;
const hintId = (audience: string) => `h|${audience}`;
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
}

/** Enters messages in their audiences' lists. */
export async function listMessages(db: Connection, messages: readonly ListableMessage[], { paced = false, partLines = PART_LINES }: ListOptions = {}): Promise<void> {
  const byAudience = new Map<string, InboxLine[]>();
  for (const m of messages) pushTo(byAudience, m.audience, lineOf(m));
  await Promise.all([...byAudience].map(([audience, lines]) => groupCommit<InboxLine[]>(`${db.id}/${INBOX_LISTS}/${audience}`, lines, async (groups) => {
    await append(db, audience, groups.flat(), partLines);
  }, { paceMs: LIST_PACE_MS, urgent: !paced })));
}

/** The number of the last part of an audience's list (1 when it has none yet): the hint, then the parts after it. */
async function lastPartNo(db: Connection, audience: string): Promise<number> {
  const coll = db.collection<{ _id: string; n?: number }>(INBOX_LISTS);
  let n = (await coll.findOne({ _id: hintId(audience) }))?.n ?? 1;
  while (await coll.findOne({ _id: partId(audience, n + 1) })) n++;
  return n;
}

/** Per connection, the last part of each audience this process wrote to (where its next lines go first). */
const lastWritten = new WeakMap<Connection, Map<string, number>>();

async function append(db: Connection, audience: string, lines: readonly InboxLine[], partLines: number): Promise<void> {
  const known = lastWritten.get(db) ?? lastWritten.set(db, new Map()).get(db) as Map<string, number>;
  const first = known.get(audience) ?? (await lastPartNo(db, audience));
  let n = first;
  /** The newest instant of the parts before `n`, for a part that starts. */
  let older = 0;
  for (;;) {
    let next: 'done' | 'on' = 'done';
    await casWrite<InboxPart>(db, INBOX_LISTS, partId(audience, n), (stored) => {
      next = 'done';
      const have = linesOf(stored?.e);
      const listed = new Set(have.map((l) => decode(l).id));
      const added = lines.filter((l) => !listed.has(l.id));
      // Listed already (a recording tried again): in this part, nothing to add; in an earlier one, read once all the same.
      if (added.length === 0) return null;
      if (stored?.full || (stored && have.length > 0 && have.length >= partLines)) {
        next = 'on';
        older = Math.max(stored.older, stored.max);
        return stored.full ? null : { ...stored, full: true };
      }
      return {
        _id: partId(audience, n), e: [...have, ...added.map(encode)].join('\n'), max: added.reduce((m, l) => Math.max(m, l.at), stored?.max ?? 0),
        older: stored?.older ?? older,
      };
    }, { remember: true }); // an audience's part is written only here, so this process's next lines start from this version
    if (next === 'done') break;
    n++;
  }
  known.set(audience, n);
  if (n > first) await casWrite<{ _id: string; n: number }>(db, INBOX_LISTS, hintId(audience), (stored) => ((stored?.n ?? 0) >= n ? null : { _id: hintId(audience), n }));
}

interface PartView {
  n: number;
  lines: InboxLine[];
  max: number;
  older: number;
  full: boolean;
}

async function readParts(db: Connection, audience: string, numbers: readonly number[]): Promise<PartView[]> {
  const coll = db.collection<InboxPart>(INBOX_LISTS);
  const docs = await Promise.all(numbers.map((n) => coll.findOne({ _id: partId(audience, n) })));
  return docs.flatMap((d, i) => (d ? [{ n: numbers[i] as number, lines: linesOf(d.e).map(decode), max: d.max, older: d.older, full: d.full === true }] : []));
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
  for (let top = last; top > from;) {
    const numbers = Array.from({ length: Math.min(IN_FLIGHT, top - from) }, (_, i) => top - i);
    top -= numbers.length;
    const batch = await readParts(db, a.key, numbers);
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
  forgetVersions(db, `${INBOX_LISTS}/`);
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
