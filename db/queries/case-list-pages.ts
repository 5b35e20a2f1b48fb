import type { Connection } from 'mongoose';
import { caseModel } from '../models/case';
import { COUNT_CAP, LIST_MAX_TIME_MS, tasksOf, type CaseSort, type ListPosition, type ListReader, type Worklist } from './case-lists';
import {
  bucketCounts, type BucketCounts, concludedBucketIds, countRows, concludedEntries, newestFirst, newestOpenEntries, openBucketIds, openEntries, RANKS, type ListEntry,
} from './case-list-index';

/**
 * The case lists read from the list index (db/queries/case-list-index.ts) on FerretDB: the
 * same pages, order, cursors and counts as the queries of db/queries/case-lists.ts, for the
 * filters the index's entries carry. A list with another filter (a search, a step, a date
 * range, overdue) is not served here and reads the cases, bounded as those queries are.
 */
export interface IndexedQuery {
  /** The departments the caller may see; null: every one. */
  visible: readonly string[] | null;
  department?: string | undefined;
  itemCode?: string | undefined;
  status?: string | undefined;
  alertLevel?: string | undefined;
  list?: Worklist | undefined;
}

type Test = (e: ListEntry) => boolean;

/** The scopes a list reads, whether it needs open and concluded cases, and what each entry must pass. */
function plan(q: IndexedQuery, user: ListReader): { scopes: string[]; open: boolean; concluded: boolean; test: Test } {
  const { visible } = q;
  const tests: Test[] = [];
  if (visible !== null) tests.push((e) => visible.includes(e.department) || e.steps.some((d) => visible.includes(d)));
  if (q.department) tests.push((e) => e.department === q.department);
  if (q.itemCode) tests.push((e) => e.itemCode === q.itemCode);
  if (q.status) tests.push((e) => e.status === q.status);
  if (q.alertLevel) tests.push((e) => e.level === q.alertLevel);
  let open = q.status !== 'concluded';
  let concluded = q.status === undefined || q.status === 'concluded';
  let scopes: string[];
  const own = user.department;
  switch (q.list) {
    case 'todo':
      scopes = own === null ? [] : user.positions.map((role) => `t:${own}/${role}`);
      concluded = false;
      break;
    case 'done':
      scopes = [`a:${user.userId}`];
      break;
    case 'department':
    case 'concluded':
      scopes = own === null ? [] : [`d:${own}`];
      tests.push((e) => e.department === own);
      if (q.list === 'department') concluded = false;
      else open = false;
      break;
    default:
      scopes = q.department ? [`d:${q.department}`] : visible === null ? ['*'] : visible.map((d) => `d:${d}`);
  }
  return { scopes, open, concluded, test: (e) => tests.every((t) => t(e)) };
}

const ORDER: Record<CaseSort, (a: ListEntry, b: ListEntry) => number> = {
  urgency: (a, b) => (a.urgency < b.urgency ? -1 : a.urgency > b.urgency ? 1 : a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0),
  newest: newestFirst,
};

function afterPosition(sort: CaseSort, from: ListPosition | undefined): Test {
  if (!from) return () => true;
  const at: ListEntry = sort === 'urgency'
    ? { caseNo: from.id, urgency: typeof from.value === 'string' ? from.value : '', level: '', department: '', submitted: 0, itemCode: '', status: '', steps: [] }
    : { caseNo: from.id, urgency: '', level: '', department: '', submitted: from.value instanceof Date ? from.value.getTime() : 0, itemCode: '', status: '', steps: [] };
  return (e) => ORDER[sort](at, e) < 0;
}

/** The entries a list holds after `from`, in its order; concluded months are read only as far as `need` entries require. */
async function entriesOf(db: Connection, q: IndexedQuery, user: ListReader, sort: CaseSort, now: number, need: number, from?: ListPosition) {
  const { scopes, open, concluded, test } = plan(q, user);
  const beyond = afterPosition(sort, from);
  const keep: Test = (e) => test(e) && beyond(e);
  const openOnes: ListEntry[] = [];
  if (open && scopes.length > 0 && sort === 'urgency') {
    // Level by level, most urgent first: every case of a level sorts before every case of the next.
    for (const rank of RANKS) {
      if (openOnes.length >= need) break;
      openOnes.push(...(await openEntries(db, scopes, [rank])).filter(keep));
    }
  } else if (open && scopes.length > 0) openOnes.push(...(await newestOpenEntries(db, scopes, need, keep)));
  // Every concluded case sorts after every open one by urgency, so they are read only when the open ones do not fill the page.
  const wanted = concluded && scopes.length > 0 && (sort === 'newest' || openOnes.length < need);
  const closed = wanted
    ? (await concludedEntries(db, scopes, now, LIST_MAX_TIME_MS, (sofar) => sort === 'newest' && sofar.filter(keep).length >= need,
      sort === 'newest' && from?.value instanceof Date ? from.value.getTime() : undefined)).filter(keep)
    : [];
  return [...openOnes, ...closed].sort(ORDER[sort]);
}

/** A page of a list from the index: the cases (read by `_id`) and the position after the last, when another page follows. */
export async function indexedPage(db: Connection, q: IndexedQuery, user: ListReader, sort: CaseSort, limit: number, now: number, from?: ListPosition) {
  const entries = (await entriesOf(db, q, user, sort, now, limit + 1, from)).slice(0, limit + 1);
  const shown = entries.slice(0, limit);
  const Cases = caseModel(db);
  const docs = await Promise.all(shown.map((e) => Cases.findById(e.caseNo).lean()));
  const tasks = q.list === 'todo' ? tasksOf(user) : null;
  const page = docs.filter((d): d is NonNullable<typeof d> => d !== null && (tasks === null || tasks.holds(d)));
  const last = shown[shown.length - 1];
  const next: ListPosition | null = entries.length > limit && last
    ? { value: sort === 'urgency' ? last.urgency : new Date(last.submitted), id: last.caseNo }
    : null;
  return { page, next };
}

/**
 * How a list of one scope is counted from its buckets' counts: the entries of one department
 * (`department`), or those touching one (`touch`), or all; null when its test needs the
 * entries themselves (an item, status or level filter, several scopes, a wider visibility).
 */
function tally(q: IndexedQuery, user: ListReader, scopes: readonly string[]): { department?: string; touch?: string } | null {
  if (scopes.length !== 1 || q.itemCode || q.status || q.alertLevel) return null;
  const own = q.list === 'department' || q.list === 'concluded' ? user.department : null;
  const departments = new Set([...(q.department ? [q.department] : []), ...(own ? [own] : [])]);
  const { visible } = q;
  if (departments.size > 1) return null;
  const [department] = departments;
  // An entry of the department passes a visibility that holds it; a scope's entries all touch its department.
  if (department !== undefined) return visible === null || visible.includes(department) ? { department } : null;
  const scope = scopes[0] ?? '';
  const scoped = scope.startsWith('d:') ? scope.slice(2) : scope.startsWith('t:') ? scope.slice(2, scope.lastIndexOf('/')) : undefined;
  if (visible === null || (scoped !== undefined && visible.includes(scoped))) return {};
  const [only] = visible;
  return visible.length === 1 && only !== undefined ? { touch: only } : null;
}

function countIn(counts: BucketCounts, how: { department?: string; touch?: string }): number {
  const c = countRows(counts);
  if (how.touch !== undefined) return c.t.find(([d]) => d === how.touch)?.[1] ?? 0;
  return c.k.reduce((n, [, d, m]) => (how.department === undefined || d === how.department ? n + m : n), 0);
}

/** How many cases a list holds, up to {@link COUNT_CAP}. */
export async function indexedCount(db: Connection, q: IndexedQuery, user: ListReader, now: number): Promise<number> {
  const { scopes, open, concluded, test } = plan(q, user);
  if (scopes.length === 0) return 0;
  const how = tally(q, user, scopes);
  if (how) {
    const ids = [...(open ? openBucketIds(scopes) : []), ...(concluded ? await concludedBucketIds(db, scopes, now) : [])];
    const counts = await Promise.all(ids.map((id) => bucketCounts(db, id)));
    return Math.min(counts.reduce((n, c) => n + countIn(c, how), 0), COUNT_CAP);
  }
  const openCount = open ? (await openEntries(db, scopes)).filter(test).length : 0;
  if (!concluded || openCount >= COUNT_CAP) return Math.min(openCount, COUNT_CAP);
  const closed = await concludedEntries(db, scopes, now, LIST_MAX_TIME_MS, (sofar) => openCount + sofar.filter(test).length >= COUNT_CAP);
  return Math.min(openCount + closed.filter(test).length, COUNT_CAP);
}

/** Open cases at each alert level. */
export async function indexedLevels(db: Connection, q: IndexedQuery, user: ListReader): Promise<Record<'normal' | 'warning' | 'yellow' | 'red', number>> {
  const { scopes, test } = plan({ ...q, list: undefined }, user);
  const counts = { normal: 0, warning: 0, yellow: 0, red: 0 };
  const how = tally({ ...q, list: undefined }, user, scopes);
  if (how && how.touch === undefined) {
    for (const c of await Promise.all(openBucketIds(scopes).map((id) => bucketCounts(db, id)))) {
      for (const [level, d, n] of countRows(c).k) if ((how.department === undefined || d === how.department) && level in counts) counts[level as keyof typeof counts] += n;
    }
    return counts;
  }
  for (const e of await openEntries(db, scopes)) if (test(e) && e.level in counts) counts[e.level as keyof typeof counts]++;
  return counts;
}
