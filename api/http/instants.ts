import { INSTANT_KEYS, type IsoInstants } from '../../domain/records/instants';

/** A workflow view or event payload with its epoch-millisecond instants as ISO strings. */
export function isoInstants<T>(value: T): IsoInstants<T>;
export function isoInstants(value: unknown, key?: string): unknown;
export function isoInstants(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => isoInstants(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoInstants(v, k)]));
  if (typeof value === 'number' && INSTANT_KEYS.test(key) && Number.isSafeInteger(value)) return new Date(value).toISOString();
  return value;
}
