import { holdsStep } from '../../domain/definition/index';
import type { Principal } from '../http/principal';

/** The text taken literally in a regular expression: its metacharacters escaped (the same set in PCRE and Go's RE2). */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Cases a search text finds: a case number starting with it (an anchored, case-sensitive
 * prefix, which an index on `_id` serves; native numbers are upper case, so the text is also
 * tried upper-cased), or an applicant, item name or item code containing it in any case.
 * Null for a blank text.
 */
export function searchFilter(q: string): Record<string, unknown> | null {
  const text = q.trim();
  if (text === '') return null;
  const prefixes = [...new Set([text, text.toUpperCase()])].map((p) => ({ _id: { $regex: `^${literalPattern(p)}` } }));
  const contains = { $regex: literalPattern(text), $options: 'i' };
  return { $or: [...prefixes, { applicantName: contains }, { itemName: contains }, { itemCode: contains }] };
}

/** An active step of a case, as the read model keeps it. */
interface Step {
  department?: string | null;
  role?: string | null;
}

/**
 * The caller's tasks, by the rule the case workflow applies to a clerk action: an active step
 * whose department is the caller's and whose role is one of the caller's positions. Tracked
 * cases are acted on in their own system, so they are nobody's task here. `filter` narrows
 * in the database (FerretDB has no `$elemMatch` on documents, so department and role may match
 * two different steps of a parallel region); `holds` then says exactly which cases are tasks.
 */
export function mineFilter(user: Principal): { filter: Record<string, unknown>; holds(doc: { position: Step[] }): boolean } {
  const { department, positions } = user;
  if (department === null || positions.length === 0) return { filter: { _id: { $in: [] } }, holds: () => false };
  return {
    filter: { status: { $ne: 'concluded' }, mode: { $ne: 'tracked' }, 'position.department': department, 'position.role': { $in: positions } },
    holds: (doc) => doc.position.some((p) => holdsStep(p, user)),
  };
}
