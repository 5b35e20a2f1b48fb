/**
 * One frozen copy of each distinct calendar and definition the workflows of a worker hold.
 *
 * Every case decodes its own copy of its definition and of the whole work calendar from its
 * input, and the calendar arithmetic builds a day index per calendar object
 * (domain/calendar/calendar-index, memoised by identity): thousands of cached cases of a few
 * items kept thousands of equal copies. The worker preloads this module into its reusable V8
 * context (worker/tuning.ts, `PRELOADED_MODULES`), so its table is shared by every workflow
 * there and equal values become one object, indexed once. Elsewhere (a worker without the
 * preload, a replay) the table is one workflow's own, which changes nothing but the sharing.
 *
 * Deterministic: the value answered is deep-equal to the one given, and frozen, so no workflow
 * can change what another one reads. No command depends on which copy a workflow holds.
 */

/** Distinct values kept; the least recently used is dropped beyond it (a later equal value is then kept anew). */
const KEPT = 64;

const table = new Map<string, object>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The shared frozen copy of a JSON value (`kind` names what it is, so that equal texts of two kinds stay apart). */
export function interned<T extends object>(kind: string, value: T): T {
  const key = `${kind}:${JSON.stringify(value)}`;
  const known = table.get(key);
  if (known) {
    table.delete(key);
    table.set(key, known);
    return known as T;
  }
  table.set(key, deepFreeze(value));
  if (table.size > KEPT) {
    const oldest = table.keys().next().value;
    if (oldest !== undefined) table.delete(oldest);
  }
  return value;
}
