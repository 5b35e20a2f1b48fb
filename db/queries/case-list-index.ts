import type { Connection } from 'mongoose';
import type { AlertLevel } from '../../domain/ladder/types';
import { urgencyKey } from '../../domain/records/urgency';
import { isDuplicateKey, MAX_TIME_EXPIRED } from '../errors';
import { groupCommit, LIST_PACE_MS } from '../group-commit';
import { caseModel } from '../models/case';
import { casWrite, forgetVersions, VERSIONS_COLLECTION } from '../versioned-write';

/**
 * The list index: what the case lists read on FerretDB instead of decoding every case.
 *
 * FerretDB v1 answers a lookup by `_id` from an index (about 1 ms) but decodes every document
 * of a collection for any other filter or sort (about 0.35 ms per case), while decoding one
 * document holding a few thousand short strings costs about 6 µs a string. So the recorder
 * keeps, in `case_lists`, bucket documents of one-line entries (a case's urgency, number,
 * department, submission, item, status and step departments), each bucket named by its scope
 * and read by `_id`. A bucket keeps its entries as one string of lines (`e`), not a list of
 * strings: FerretDB decodes a document field by field at every read and every update, and one
 * string of a thousand lines decodes at a small fraction of what a thousand strings cost
 * (lists written before are read too):
 *
 * - `o|<scope>|<rank>|<shard>`: the open cases of a scope at one alert level (red, yellow,
 *   warning, normal: the urgency's first character), a few hundred to a few thousand per
 *   shard; a list by urgency reads the levels in order until its page is full, a list newest
 *   first or a count reads them all (20,000 entries: about 120 ms on a quiet machine).
 * - `c|<scope>|<YYYY-MM>|<shard>`: the concluded cases of a scope by month of submission; a
 *   list walks the months newest first and stops when its page is full. `c|<scope>|<YYYY>`
 *   marks a year that holds any, so a walk skips empty years without reading their months.
 * - `n|<bucket>`: a bucket's counts ({@link BucketCounts}) and the version of the bucket they
 *   count, so a count reads a few numbers per bucket instead of decoding its entries.
 *
 * Scopes: `*` every case; `d:<department>` the cases of a department and those with a step in
 * it (the one scope rule); `t:<department>/<role>` the open cases with a step of that role
 * there (待办); `a:<user>` the cases the user acted on (已办). Every bucket is written by a
 * compare-and-swap that holds between processes (db/versioned-write.ts).
 */
export const CASE_LISTS = 'case_lists';
/** The document that says the index holds every case (written on an empty database, or by the rebuild), and in which layout. */
export const BUILT_ID = 'built';
/**
 * The layout of the buckets: 2 since every open case is in one of 2 shards of its level, not 8
 * (a midnight's alerts wrote fewer buckets: bench/record.bench.ts). An index of another layout
 * is not read (the lists scan the cases) until scripts/rebuild-case-lists.ts has rebuilt it.
 */
export const LAYOUT = 2;

const OPEN_SHARDS = { '*': 2, d: 2, t: 1, a: 1 } as const;
/** The open buckets of a scope by the urgency's first character: red, yellow, warning, normal. */
export const RANKS = ['0', '1', '2', '3'] as const;
const CLOSED_SHARDS = { '*': 4, d: 1, t: 1, a: 1 } as const;
/** The first year a concluded walk looks at. */
const FIRST_YEAR = 2000;

/** A case as the index keeps it. */
export interface ListEntry {
  caseNo: string;
  /** `urgencyKey` (computed here for a case recorded before the recorder kept it). */
  urgency: string;
  level: string;
  department: string;
  submitted: number;
  itemCode: string;
  status: string;
  /** The departments of the case's active steps. */
  steps: string[];
}

/** The read-model fields an entry is made of. */
export interface Listable {
  _id: string;
  urgency?: string | null;
  alertLevel: string;
  deadline?: Date | null;
  department: string;
  submittedAt: Date;
  itemCode: string;
  status: string;
  mode: string;
  position: readonly { department?: string | null; role?: string | null }[];
  actedBy?: readonly string[] | null;
}

interface Bucket {
  _id: string;
  /** The entries, one per line (a list of lines in buckets written before). */
  e: string | string[];
}

/** The lines of a bucket's `e` or a summary's `h`, in either form. */
export function linesOf(text: string | readonly string[] | null | undefined): string[] {
  if (text === null || text === undefined || text === '') return [];
  return typeof text === 'string' ? text.split('\n') : [...text];
}

const encode = (e: ListEntry) => [e.caseNo, e.urgency, e.level, e.department, String(e.submitted), e.itemCode, e.status, e.steps.join(',')].join('\t');

function decode(line: string): ListEntry {
  const [caseNo = '', urgency = '', level = '', department = '', submitted = '0', itemCode = '', status = '', steps = ''] = line.split('\t');
  return { caseNo, urgency, level, department, submitted: Number(submitted), itemCode, status, steps: steps === '' ? [] : steps.split(',') };
}

/**
 * A bucket's entries counted: `k` by level and department (`<level>\t<department>\t<n>`), `t`
 * by each department an entry touches, its own or a step's (`<department>\t<n>`: the one scope
 * rule's test for a single department). Short lines, as the entries: FerretDB keeps no nested
 * arrays, and a department code may hold a `.`.
 */
export interface BucketCounts {
  k: string[];
  t: string[];
}

export function countsOf(lines: readonly string[]): BucketCounts {
  const k = new Map<string, number>();
  const t = new Map<string, number>();
  for (const line of lines) {
    const e = decode(line);
    const key = `${e.level}\t${e.department}`;
    k.set(key, (k.get(key) ?? 0) + 1);
    for (const d of new Set([e.department, ...e.steps])) t.set(d, (t.get(d) ?? 0) + 1);
  }
  return { k: [...k].map(([key, n]) => `${key}\t${n}`), t: [...t].map(([d, n]) => `${d}\t${n}`) };
}

/** The counts as rows: `[level, department, n]` and `[department, n]`. */
export function countRows(c: BucketCounts): { k: [string, string, number][]; t: [string, number][] } {
  return {
    k: c.k.map((line) => {
      const [level = '', department = '', n = '0'] = line.split('\t');
      return [level, department, Number(n)];
    }),
    t: c.t.map((line) => {
      const [department = '', n = '0'] = line.split('\t');
      return [department, Number(n)];
    }),
  };
}

/** Newest submission first, then case number descending: the order of a list newest first. */
export function newestFirst(a: ListEntry, b: ListEntry): number {
  return b.submitted - a.submitted || (a.caseNo < b.caseNo ? 1 : a.caseNo > b.caseNo ? -1 : 0);
}

/**
 * How many of a bucket's newest entries its summary carries (`h`, newest first, with the
 * bucket's length `len`): a list newest first merges the heads of the open buckets and reads
 * a bucket whole only when its head may not reach the page's last entry.
 */
export const HEAD = 64;

function summaryOf(bucket: string, v: number, lines: readonly string[]) {
  const head = lines.map((line) => ({ line, entry: decode(line) })).sort((a, b) => newestFirst(a.entry, b.entry)).slice(0, HEAD).map((x) => x.line);
  return { _id: `n|${bucket}`, v, ...countsOf(lines), h: head.join('\n'), len: lines.length };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const kindOf = (scope: string) => (scope === '*' ? '*' : (scope.slice(0, 1) as 'd' | 't' | 'a'));
const openShards = (scope: string) => OPEN_SHARDS[kindOf(scope)];
const closedShards = (scope: string) => CLOSED_SHARDS[kindOf(scope)];
const monthOf = (at: number) => new Date(at).toISOString().slice(0, 7);

/** The buckets a case belongs in, each with the case's entry, and the year marks its concluded entries need. */
export function placesOf(doc: Listable): { buckets: Map<string, string>; marks: string[] } {
  const steps = [...new Set(doc.position.flatMap((p) => (p.department ? [p.department] : [])))];
  const urgency = doc.urgency ?? urgencyKey({ status: doc.status, alertLevel: doc.alertLevel as AlertLevel, deadline: doc.deadline ? doc.deadline.getTime() : null });
  const entry = encode({
    caseNo: doc._id, urgency, level: doc.alertLevel, department: doc.department, submitted: doc.submittedAt.getTime(),
    itemCode: doc.itemCode, status: doc.status, steps,
  });
  const concluded = doc.status === 'concluded';
  const scopes = new Set(['*', `d:${doc.department}`, ...steps.map((d) => `d:${d}`), ...(doc.actedBy ?? []).map((u) => `a:${u}`)]);
  if (!concluded && doc.mode !== 'tracked') for (const p of doc.position) if (p.department && p.role) scopes.add(`t:${p.department}/${p.role}`);
  const buckets = new Map<string, string>();
  const marks: string[] = [];
  const at = doc.submittedAt.getTime();
  for (const scope of scopes) {
    const shard = hash(doc._id) % (concluded ? closedShards(scope) : openShards(scope));
    buckets.set(concluded ? `c|${scope}|${monthOf(at)}|${shard}` : `o|${scope}|${urgency.charAt(0)}|${shard}`, entry);
    if (concluded) marks.push(`c|${scope}|${monthOf(at).slice(0, 4)}`);
  }
  return { buckets, marks };
}

/**
 * Stores a document whole (a bucket's counts, the `built` mark). A slower writer's older
 * counts carry an older version, which readers then pass over.
 */
async function writeWhole(db: Connection, doc: { _id: string; [field: string]: unknown }): Promise<void> {
  const coll = db.collection<{ _id: string }>(CASE_LISTS);
  try {
    await coll.replaceOne({ _id: doc._id }, doc, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await coll.replaceOne({ _id: doc._id }, doc);
  }
}

/** Marks the index as holding every case in this layout. */
async function markBuilt(db: Connection): Promise<void> {
  await writeWhole(db, { _id: BUILT_ID, layout: LAYOUT });
  known.delete(db);
}

async function insertOnce(db: Connection, _id: string): Promise<void> {
  try {
    await db.collection<{ _id: string }>(CASE_LISTS).insertOne({ _id });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

interface BucketEdit {
  caseNo: string;
  /** The case's line in the bucket; null: out of it. */
  entry: string | null;
}

/** Applies edits to a bucket's lines in order; null when none changes them. */
function edited(lines: readonly string[], edits: readonly BucketEdit[]): string[] | null {
  let next: readonly string[] = lines;
  for (const { caseNo, entry } of edits) {
    const prefix = `${caseNo}\t`;
    const at = next.findIndex((e) => e.startsWith(prefix));
    if ((at < 0 ? null : next[at]) === entry) continue;
    next = [...next.filter((_, i) => i !== at), ...(entry === null ? [] : [entry])];
  }
  return next === lines ? null : [...next];
}

/**
 * Puts the case where `target` belongs and takes it out of every other bucket the earlier
 * states named (null: out of all). Each bucket is changed only when its entry differs; the
 * cases placed in one bucket while it is being written go together in its next write (a
 * midnight's alerts move most open cases from one level's buckets to the next's). A bucket is
 * written at most once per {@link LIST_PACE_MS}, except for an urgent placement (a person's
 * action, which they may look for in their lists at once). `held`: a state the index is known
 * to hold the case in; a bucket where its entry is the target's is not read at all.
 */
export async function placeCase(
  db: Connection, caseNo: string, earlier: readonly (Listable | null)[], target: Listable | null, urgent = true, held: Listable | null = null,
): Promise<void> {
  const wanted = target ? placesOf(target) : { buckets: new Map<string, string>(), marks: [] };
  const kept = held ? placesOf(held).buckets : new Map<string, string>();
  const named = new Set([...wanted.buckets.keys(), ...earlier.flatMap((s) => (s ? [...placesOf(s).buckets.keys()] : []))]);
  const changing = [...named].filter((bucket) => !kept.has(bucket) || kept.get(bucket) !== wanted.buckets.get(bucket));
  const write = (bucket: string) => async (edits: BucketEdit[]) => {
    // The bucket's counts go with each version of it, in the same command.
    await casWrite<Bucket>(db, CASE_LISTS, bucket, (stored) => {
      const e = edited(linesOf(stored?.e), edits);
      return e === null ? null : { _id: bucket, e: e.join('\n') };
    }, { companion: (doc, v) => summaryOf(bucket, v, linesOf(doc.e)), remember: true });
  };
  await Promise.all(changing.map((bucket) =>
    groupCommit<BucketEdit>(`${db.id}/${CASE_LISTS}/${bucket}`, { caseNo, entry: wanted.buckets.get(bucket) ?? null }, write(bucket), { paceMs: LIST_PACE_MS, urgent })));
  await Promise.all(wanted.marks.map((mark) => insertOnce(db, mark)));
}

/**
 * The state (`seq`) of each case whose placement this process last completed, the newest
 * read model's as it then stood, at most {@link PLACED_KEPT} cases: the index holds the case
 * there, unless a placement of an older state is still writing — and that one places the
 * newest again once it is done (`recordPlacement`). A process that starts knows none.
 */
const placedStates = new WeakMap<Connection, Map<string, number>>();
const PLACED_KEPT = 20_000;

function placedOf(db: Connection): Map<string, number> {
  let placed = placedStates.get(db);
  if (!placed) {
    placed = new Map();
    placedStates.set(db, placed);
  }
  return placed;
}

function markPlaced(db: Connection, caseNo: string, seq: number): void {
  const placed = placedOf(db);
  placed.delete(caseNo);
  placed.set(caseNo, seq);
  if (placed.size > PLACED_KEPT) placed.delete(placed.keys().next().value as string);
}

/**
 * The placements of one recording of a case in the index: {@link CasePlacement.place} for each
 * state of the read model published, in order, each taking the case out of the buckets the
 * states before it named. When this process completed the placement of `before` itself, the
 * first placement does not read the buckets where the case's entry stays as it was (a step
 * handed to another role changes its 待办 buckets only).
 */
export class CasePlacement {
  private readonly seen: (Listable | null)[];
  private held: Listable | null;

  constructor(private readonly db: Connection, private readonly caseNo: string, before: (Listable & { seq?: number }) | null, private readonly urgent = true) {
    this.seen = [before];
    this.held = before && before.seq !== undefined && placedOf(db).get(caseNo) === before.seq ? before : null;
  }

  /** Places the case as `target` says. */
  async place(target: Listable): Promise<void> {
    await placeCase(this.db, this.caseNo, this.seen, target, this.urgent, this.held);
    this.seen.push(target);
    this.held = null;
  }

  /** Notes that the index holds the case as `target` (placed last, no newer state found after): the next placement may start from it. */
  placed(target: { seq: number }): void {
    markPlaced(this.db, this.caseNo, target.seq);
  }
}

/**
 * Keeps the index of a case recorded from `before` to `after` when the read model was written
 * without the recorder's compare-and-swap (which places each version it publishes before its
 * check for a newer one: activities/record.ts): placed, then checked against the read model as
 * stored now, and placed again while a newer recording overtook this one, so the last placement
 * is the newest state's.
 */
export async function recordPlacement(db: Connection, before: (Listable & { seq?: number }) | null, after: Listable & { seq: number }, urgent = true): Promise<void> {
  const placement = new CasePlacement(db, after._id, before, urgent);
  for (let target = after; ;) {
    await placement.place(target);
    const stored = await caseModel(db).findById(after._id).lean<(Listable & { seq: number }) | null>();
    if (!stored || stored.seq <= target.seq) {
      if (stored?.seq === target.seq) placement.placed(target);
      return;
    }
    target = stored;
  }
}

const known = new WeakMap<Connection, Promise<boolean>>();

/** Whether the index holds every case (asked once per connection until it does). */
export function listIndexBuilt(db: Connection): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = db.collection<{ _id: string; layout?: number }>(CASE_LISTS).findOne({ _id: BUILT_ID }).then((doc) => doc !== null && (doc.layout ?? 1) === LAYOUT);
    known.set(db, answer);
    void answer.then((built) => (built ? undefined : known.delete(db)), () => known.delete(db));
  }
  return answer;
}

/** On a database with no case yet, marks the index complete (the recorder then keeps it so); once per connection. */
const started = new WeakMap<Connection, Promise<void>>();
export function startListIndex(db: Connection): Promise<void> {
  let done = started.get(db);
  if (!done) {
    done = (async () => {
      if (await listIndexBuilt(db)) return;
      if ((await caseModel(db).estimatedDocumentCount()) === 0) await markBuilt(db);
    })();
    started.set(db, done);
    done.catch(() => started.delete(db));
  }
  return done;
}

/** Rebuilds the whole index from the read model: for a database recorded before the index, with no worker running. */
export async function rebuildListIndex(db: Connection, docs: AsyncIterable<Listable> | Iterable<Listable>): Promise<number> {
  const buckets = new Map<string, string[]>();
  const marks = new Set<string>();
  let n = 0;
  for await (const doc of docs) {
    const places = placesOf(doc);
    for (const [bucket, entry] of places.buckets) (buckets.get(bucket) ?? buckets.set(bucket, []).get(bucket))?.push(entry);
    for (const mark of places.marks) marks.add(mark);
    n++;
  }
  const coll = db.collection<{ _id: string; e?: string[] }>(CASE_LISTS);
  await coll.deleteMany({});
  // The buckets' earlier versions go too, else the next compare-and-swap would continue from them.
  await db.collection<{ _id: string }>(VERSIONS_COLLECTION).deleteMany({ _id: { $regex: `^${CASE_LISTS}/` } });
  forgetVersions(db, `${CASE_LISTS}/`);
  const rows = [...[...buckets].flatMap(([_id, e]) => [{ _id, e: e.join('\n') }, summaryOf(_id, 0, e)]), ...[...marks].map((_id) => ({ _id }))];
  for (let i = 0; i < rows.length; i += 200) await coll.insertMany(rows.slice(i, i + 200));
  await markBuilt(db);
  return n;
}

/** A bounded read past its budget: answered as MongoDB's MaxTimeMSExpired, so the API says 503 list-too-slow. */
export class IndexTooSlow extends Error {
  readonly code = MAX_TIME_EXPIRED;
  constructor() {
    super('the list index read past its time budget');
  }
}

async function readBuckets(db: Connection, ids: readonly string[]): Promise<ListEntry[]> {
  const coll = db.collection<Bucket>(CASE_LISTS);
  const docs = await Promise.all(ids.map((_id) => coll.findOne({ _id })));
  return docs.flatMap((d) => linesOf(d?.e).map(decode));
}

function unique(entries: ListEntry[]): ListEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.caseNo) && (seen.add(e.caseNo), true));
}

/** The open cases of the scopes at the given levels (each case once). */
export async function openEntries(db: Connection, scopes: readonly string[], ranks: readonly string[] = RANKS): Promise<ListEntry[]> {
  return unique(await readBuckets(db, openBucketIds(scopes, ranks)));
}

/** The open buckets of the scopes at the given levels. */
export function openBucketIds(scopes: readonly string[], ranks: readonly string[] = RANKS): string[] {
  return scopes.flatMap((s) => ranks.flatMap((r) => Array.from({ length: openShards(s) }, (_, k) => `o|${s}|${r}|${k}`)));
}

/** The scopes' years marked as holding concluded cases, newest first, each with its scopes. */
async function markedYears(db: Connection, scopes: readonly string[], now: number): Promise<[number, string[]][]> {
  const lastYear = new Date(now).getUTCFullYear() + 1;
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i);
  const coll = db.collection<{ _id: string }>(CASE_LISTS);
  const marked = await Promise.all(scopes.map(async (scope) => {
    const found = await Promise.all(years.map((y) => coll.findOne({ _id: `c|${scope}|${y}` })));
    return years.filter((_, i) => found[i] !== null).map((year) => ({ scope, year }));
  }));
  const byYear = new Map<number, string[]>();
  for (const { scope, year } of marked.flat()) byYear.set(year, [...(byYear.get(year) ?? []), scope]);
  return [...byYear].sort(([a], [b]) => b - a);
}

const monthBucketIds = (scopes: readonly string[], ym: string) =>
  scopes.flatMap((s) => Array.from({ length: closedShards(s) }, (_, k) => `c|${s}|${ym}|${k}`));
const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(12 - i).padStart(2, '0')}`);

/** Every concluded bucket the scopes may hold. */
export async function concludedBucketIds(db: Connection, scopes: readonly string[], now: number): Promise<string[]> {
  return (await markedYears(db, scopes, now)).flatMap(([year, inYear]) => monthsOf(year).flatMap((ym) => monthBucketIds(inYear, ym)));
}

type Summary = BucketCounts & { _id: string; v: number; h?: string | string[]; len?: number };

/** A bucket's summary when it is of the bucket's newest version (no version after it in the compare-and-swap's record), else null. */
async function currentSummary(db: Connection, id: string): Promise<Summary | null> {
  const summary = await db.collection<Summary>(CASE_LISTS).findOne({ _id: `n|${id}` });
  if (!summary) return null;
  return (await db.collection<{ _id: string }>(VERSIONS_COLLECTION).findOne({ _id: `${CASE_LISTS}/${id}@${summary.v + 1}` })) ? null : summary;
}

/** A bucket's counts: from its current summary, else counted from the bucket itself. */
export async function bucketCounts(db: Connection, id: string): Promise<BucketCounts> {
  const summary = await currentSummary(db, id);
  if (summary) return summary;
  const bucket = await db.collection<Bucket>(CASE_LISTS).findOne({ _id: id });
  return countsOf(linesOf(bucket?.e));
}

/**
 * The open cases of the scopes newest first, as many as a page of `need` entries passing
 * `keep` requires (each case once): the heads of the buckets' summaries, and in whole only the
 * buckets whose head ends before the page's last entry (every bucket, when the heads hold
 * fewer than `need`: a page far down the list).
 */
export async function newestOpenEntries(db: Connection, scopes: readonly string[], need: number, keep: (e: ListEntry) => boolean): Promise<ListEntry[]> {
  const ids = openBucketIds(scopes);
  const summaries = await Promise.all(ids.map((id) => currentSummary(db, id)));
  const whole = ids.filter((_, i) => summaries[i]?.h === undefined);
  const heads = summaries.flatMap((s, i) => {
    if (s?.h === undefined) return [];
    const head = linesOf(s.h);
    return [{ id: ids[i] ?? '', head: head.map(decode), complete: head.length >= (s.len ?? Infinity) }];
  });
  const seen = unique(heads.flatMap((h) => h.head).filter(keep)).sort(newestFirst);
  const last = seen[need - 1];
  for (const h of heads) {
    const end = h.head[h.head.length - 1];
    if (!h.complete && (last === undefined || end === undefined || newestFirst(end, last) <= 0)) whole.push(h.id);
  }
  if (whole.length === 0) return seen;
  return unique([...seen, ...(await readBuckets(db, whole)).filter(keep)]).sort(newestFirst);
}

/**
 * Concluded cases of the scopes, month by month newest first (from the month of `until`, when
 * given), until `enough` says the months read so far suffice (or every month is read); stops
 * with {@link IndexTooSlow} past `budgetMs`.
 */
export async function concludedEntries(
  db: Connection, scopes: readonly string[], now: number, budgetMs: number, enough: (sofar: ListEntry[]) => boolean, until?: number,
): Promise<ListEntry[]> {
  const newestMonth = until === undefined ? null : monthOf(until);
  const started = performance.now();
  const sofar: ListEntry[] = [];
  for (const [year, inYear] of await markedYears(db, scopes, now)) {
    for (const ym of monthsOf(year)) {
      if (performance.now() - started > budgetMs) throw new IndexTooSlow();
      if (newestMonth !== null && ym > newestMonth) continue;
      sofar.push(...(await readBuckets(db, monthBucketIds(inYear, ym))));
      if (enough(sofar)) return unique(sofar);
    }
  }
  return unique(sofar);
}
