import type { Connection } from 'mongoose';
import { holdsStep } from '../../domain/definition/index';
import { caseModel, type CaseDoc } from '../models/case';

/**
 * The case lists: the clerks' worklists (待办, 已办, 本部门, 办结) and the supervisors' board.
 *
 * FerretDB 1.24 decodes every document of `cases` for any filter or sort but `_id` equality,
 * so every list here is bounded three ways: a filter the page always sends (the caller's
 * departments, a worklist), a page limit, and `maxTimeMS` (past it the API answers 503
 * `list-too-slow`, never an out-of-memory). On MongoDB the same filters use the indexes in
 * db/models/case.ts (listed in the README's "Case lists" section).
 */

export const WORKLISTS = ['todo', 'done', 'department', 'concluded'] as const;
export type Worklist = (typeof WORKLISTS)[number];

export const CASE_SORTS = ['newest', 'urgency'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** The longest a list or count may read before it is stopped. */
export const LIST_MAX_TIME_MS = 5_000;
/** Counts stop here: a worklist tab says "10000+" rather than read a whole large collection. */
export const COUNT_CAP = 10_000;

/** Who asks, as the API knows them (the fields the lists read). */
export interface ListReader {
  userId: string;
  department: string | null;
  positions: readonly string[];
}

type Filter = Record<string, unknown>;
type Step = { department?: string | null; role?: string | null };

/** The text taken literally in a regular expression: its metacharacters escaped (the same set in PCRE and Go's RE2). */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Cases whose number, applicant, item name or item code contains the text, in any case; null for a blank text. */
export function containsFilter(q: string): Filter | null {
  const text = q.trim();
  if (text === '') return null;
  const contains = { $regex: literalPattern(text), $options: 'i' };
  return { $or: [{ _id: contains }, { applicantName: contains }, { itemName: contains }, { itemCode: contains }] };
}

/**
 * The caller's tasks, by the rule the case workflow applies to a clerk action: an active step
 * whose department is the caller's and whose role is one of the caller's positions (so a case
 * open to the clerk's position is a task of every clerk holding it). Tracked cases are acted on
 * in their own system. `filter` narrows in the database (FerretDB has no `$elemMatch` on
 * documents, so department and role may match two different steps of a parallel region);
 * `holds` then says exactly which cases are tasks.
 */
export function tasksOf(user: ListReader): { filter: Filter; holds(doc: { position: Step[] }): boolean } {
  const { department, positions } = user;
  if (department === null || positions.length === 0) return { filter: { _id: { $in: [] } }, holds: () => false };
  return {
    filter: { status: { $ne: 'concluded' }, mode: { $ne: 'tracked' }, 'position.department': department, 'position.role': { $in: [...positions] } },
    holds: (doc) => doc.position.some((p) => holdsStep(p, { department, positions: [...positions] })),
  };
}

/** The filter of a worklist: 待办 my tasks, 已办 cases I acted on, 本部门 my department's open cases, 办结 its concluded ones. */
export function worklistFilter(list: Worklist, user: ListReader): Filter {
  const own = user.department === null ? { _id: { $in: [] } } : { department: user.department };
  switch (list) {
    case 'todo':
      return tasksOf(user).filter;
    case 'done':
      return { actedBy: user.userId };
    case 'department':
      return { ...own, status: { $ne: 'concluded' } };
    case 'concluded':
      return { ...own, status: 'concluded' };
  }
}

/** The sort of a list and the keyset field its cursor carries. */
const SORT_KEYS: Record<CaseSort, { field: 'submittedAt' | 'urgency'; direction: 1 | -1 }> = {
  newest: { field: 'submittedAt', direction: -1 },
  urgency: { field: 'urgency', direction: 1 },
};

/** Where the previous page ended: the sort field's value and the case number. */
export interface ListPosition {
  value: string | Date | null;
  id: string;
}

function after(sort: CaseSort, at: ListPosition): Filter {
  const { field, direction } = SORT_KEYS[sort];
  const beyond = direction === 1 ? '$gt' : '$lt';
  // A case recorded before the urgency was kept has none: it sorts first, so only those after it by number follow it.
  if (at.value === null) return { $or: [{ [field]: null, _id: { [beyond]: at.id } }, { [field]: { $ne: null } }] };
  return { $or: [{ [field]: { [beyond]: at.value } }, { [field]: at.value, _id: { [beyond]: at.id } }] };
}

/**
 * A page of cases matching every filter of `and`, in the sort's order, after `from`. The
 * position of its last case is answered when another page follows.
 */
export async function pageOfCases(db: Connection, and: Filter[], sort: CaseSort, limit: number, from?: ListPosition) {
  const { field, direction } = SORT_KEYS[sort];
  const filters = from ? [...and, after(sort, from)] : and;
  const docs = await caseModel(db)
    .find(filters.length > 0 ? { $and: filters } : {})
    .sort({ [field]: direction, _id: direction })
    .limit(limit + 1)
    .maxTimeMS(LIST_MAX_TIME_MS)
    .lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  const next: ListPosition | null = docs.length > limit && last ? { value: (last[field] as string | Date | undefined) ?? null, id: last._id } : null;
  return { page, next };
}

/** How many cases match, up to {@link COUNT_CAP}. */
export function countCases(db: Connection, and: Filter[]): Promise<number> {
  return caseModel(db).countDocuments(and.length > 0 ? { $and: and } : {}, { limit: COUNT_CAP, maxTimeMS: LIST_MAX_TIME_MS });
}

/** The caller's tasks among the cases matching `and`, counted exactly (a parallel region may match department and role on two steps). */
export async function countTasks(db: Connection, and: Filter[], user: ListReader): Promise<number> {
  const tasks = tasksOf(user);
  const docs = await caseModel(db)
    .find({ $and: [...and, tasks.filter] }, { position: 1 })
    .limit(COUNT_CAP)
    .maxTimeMS(LIST_MAX_TIME_MS)
    .lean<Pick<CaseDoc, 'position'>[]>();
  return docs.filter((d) => tasks.holds(d)).length;
}

/** Open cases matching `and` at each alert level (concluded cases are at none: they are done, not "normal"). */
export async function countByLevel(db: Connection, and: Filter[]): Promise<Record<'normal' | 'warning' | 'yellow' | 'red', number>> {
  const rows = await caseModel(db)
    .aggregate<{ _id: string; n: number }>([{ $match: { $and: [...and, { status: { $ne: 'concluded' } }] } }, { $group: { _id: '$alertLevel', n: { $sum: 1 } } }])
    .option({ maxTimeMS: LIST_MAX_TIME_MS });
  const counts = { normal: 0, warning: 0, yellow: 0, red: 0 };
  for (const row of rows) if (row._id in counts) counts[row._id as keyof typeof counts] = row.n;
  return counts;
}
