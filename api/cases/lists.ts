import type { FromSchema } from 'json-schema-to-ts';
import {
  containsFilter, countByLevel, countCases, countTasks, pageOfCases, tasksOf, worklistFilter, WORKLISTS,
  type CaseSort, type ListPosition,
} from '../../db/queries/case-lists';
import { isFerretDb } from '../../db/guarded-write';
import { listIndexBuilt } from '../../db/queries/case-list-index';
import { indexedCount, indexedLevels, indexedPage, type IndexedQuery } from '../../db/queries/case-list-pages';
import type { ApiContext } from '../context';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { badRequest } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import type { levelQuery, listQuery, worklistQuery } from './schema';
import { summaryOf } from './service';

type Filter = Record<string, unknown>;
type ListQuery = FromSchema<typeof listQuery>;

/** The departments the caller may see, as a filter: every list starts from it, so no one lists another department's cases. */
function scopeOf(user: Principal): Filter[] {
  const visible = visibleDepartments(user);
  return visible === null ? [] : [{ $or: [{ department: { $in: visible } }, { 'position.department': { $in: visible } }] }];
}

/** The filters a list and its counts share: scope, department, item, step, status, level, search, ranges. */
function filtersOf(ctx: ApiContext, query: Omit<ListQuery, 'cursor' | 'limit' | 'sort' | 'list' | 'mine'>, user: Principal): Filter[] {
  const and = scopeOf(user);
  if (query.department) and.push({ department: query.department });
  if (query.itemCode) and.push({ itemCode: query.itemCode });
  if (query.step) and.push({ 'position.nodeId': query.step });
  if (query.status) and.push({ status: query.status });
  if (query.alertLevel) and.push({ alertLevel: query.alertLevel });
  const search = query.q === undefined ? null : containsFilter(query.q);
  if (search) and.push(search);
  const range = (from?: string, to?: string) => ({ ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) });
  if (query.submittedFrom || query.submittedTo) and.push({ submittedAt: range(query.submittedFrom, query.submittedTo) });
  if (query.deadlineFrom || query.deadlineTo) and.push({ deadline: range(query.deadlineFrom, query.deadlineTo) });
  if (query.overdue !== undefined) {
    const late = [{ concludedAt: null, deadline: { $lt: new Date(ctx.now()) } }, { onTime: false }];
    and.push(query.overdue ? { $or: late } : { $nor: late });
  }
  return and;
}

type Filters = Omit<ListQuery, 'cursor' | 'limit' | 'sort' | 'list' | 'mine'>;

/**
 * The list as the list index answers it, on FerretDB once the index holds every case, for
 * filters its entries carry; null: read the cases (MongoDB uses its indexes; FerretDB reads
 * them bounded by the page's filters and `maxTimeMS`).
 */
async function indexed(ctx: ApiContext, query: Filters, user: Principal): Promise<IndexedQuery | null> {
  const { q, step, submittedFrom, submittedTo, deadlineFrom, deadlineTo, overdue } = query;
  const unserved = (q !== undefined && q.trim() !== '') || step || submittedFrom || submittedTo || deadlineFrom || deadlineTo || overdue !== undefined;
  if (unserved || !(await isFerretDb(ctx.db)) || !(await listIndexBuilt(ctx.db))) return null;
  return {
    visible: visibleDepartments(user), department: query.department, itemCode: query.itemCode, status: query.status, alertLevel: query.alertLevel,
  };
}

const badCursor = () => badRequest('The cursor is invalid.', [{ in: 'query', pointer: '/cursor', detail: 'is not a cursor this API gave for this sort' }]);

/** Newest-first cursors keep the form the API always gave; urgency cursors carry the urgency text. */
function encodeListCursor(sort: CaseSort, at: ListPosition): string {
  if (sort === 'newest') return encodeCursor(at.value as Date, at.id);
  return Buffer.from(JSON.stringify(['urgency', at.value, at.id])).toString('base64url');
}

function decodeListCursor(sort: CaseSort, cursor: string): ListPosition {
  if (sort === 'newest') {
    const { at, id } = decodeCursor(cursor);
    return { value: at, id };
  }
  try {
    const [tag, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (tag === 'urgency' && (typeof value === 'string' || value === null) && typeof id === 'string') return { value, id };
  } catch {
    // answered below
  }
  throw badCursor();
}

/**
 * Cases the caller may see, filtered and searched, in a worklist (`list`, or `mine` for 待办),
 * newest first or most urgent first, with a keyset cursor.
 */
export async function listCases(ctx: ApiContext, query: ListQuery, user: Principal) {
  const list = query.list ?? (query.mine === true ? 'todo' : undefined);
  const sort = query.sort ?? 'newest';
  const limit = query.limit ?? 50;
  const from = query.cursor ? decodeListCursor(sort, query.cursor) : undefined;
  const fromIndex = await indexed(ctx, query, user);
  if (fromIndex) {
    const { page, next } = await indexedPage(ctx.db, { ...fromIndex, list }, user, sort, limit, ctx.now(), from);
    return { items: page.map(summaryOf), nextCursor: next ? encodeListCursor(sort, next) : null };
  }
  const and = filtersOf(ctx, query, user);
  if (list) and.push(worklistFilter(list, user));
  const { page, next } = await pageOfCases(ctx.db, and, sort, limit, from);
  // The cursor follows the page as read, so a page the task rule narrows further may hold fewer than `limit`.
  const tasks = list === 'todo' ? tasksOf(user) : null;
  const items = tasks ? page.filter((doc) => tasks.holds(doc)) : page;
  return { items: items.map(summaryOf), nextCursor: next ? encodeListCursor(sort, next) : null };
}

/** How many cases each worklist holds for the caller, with the same search and filters as the list. */
export async function worklistCounts(ctx: ApiContext, query: FromSchema<typeof worklistQuery>, user: Principal) {
  const fromIndex = await indexed(ctx, query, user);
  const and = filtersOf(ctx, query, user);
  const counts = await Promise.all(WORKLISTS.map((list) => {
    if (fromIndex) return indexedCount(ctx.db, { ...fromIndex, list }, user, ctx.now());
    return list === 'todo' ? countTasks(ctx.db, and, user) : countCases(ctx.db, [...and, worklistFilter(list, user)]);
  }));
  return Object.fromEntries(WORKLISTS.map((list, i) => [list, counts[i] ?? 0])) as Record<(typeof WORKLISTS)[number], number>;
}

/** Open cases at each alert level, with the board's filters. */
export async function levelCounts(ctx: ApiContext, query: FromSchema<typeof levelQuery>, user: Principal) {
  const fromIndex = await indexed(ctx, query, user);
  if (fromIndex) return indexedLevels(ctx.db, fromIndex, user);
  return countByLevel(ctx.db, filtersOf(ctx, query, user));
}
