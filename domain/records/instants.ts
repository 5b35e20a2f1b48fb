/**
 * How instants travel in the API's JSON. Workflows and records hold instants as epoch
 * milliseconds; the API answers them as ISO strings under the keys below (`…At`,
 * `…Deadline`, and the bare `at`, `deadline`, `from` and `to` of clocks and pauses). The
 * API converts by `INSTANT_KEYS`, and the web app reads a workflow's view as
 * `IsoInstants<View>`: one rule for both sides.
 */
export const INSTANT_KEYS = /(At|Deadline|^deadline|^at|^from|^to)$/;

type InstantKey = `${string}At` | `${string}Deadline` | 'deadline' | 'at' | 'from' | 'to';

/** `T` as the API answers it: the numbers under instant keys become ISO strings, deeply. */
export type IsoInstants<T> = T extends readonly (infer E)[]
  ? IsoInstants<E>[]
  : T extends object
    ? { [K in keyof T]: K extends InstantKey ? (T[K] extends number ? string : T[K] extends number | null ? string | null : IsoInstants<T[K]>) : IsoInstants<T[K]> }
    : T;
