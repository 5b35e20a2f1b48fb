/**
 * Keys whose numbers are instants in a workflow's view or an event's payload: `…At`,
 * `…Deadline`, and the bare `at`, `deadline`, `from` and `to` of clocks and pauses.
 */
const INSTANT_KEYS = /(At|Deadline|^deadline|^at|^from|^to)$/;

/** A workflow view or event payload with its epoch-millisecond instants as ISO strings. */
export function isoInstants(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => isoInstants(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoInstants(v, k)]));
  if (typeof value === 'number' && INSTANT_KEYS.test(key) && Number.isSafeInteger(value)) return new Date(value).toISOString();
  return value;
}
