/** Whether a database error is a duplicate key (E11000): an insert or upsert of an `_id` or unique key already taken. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** MongoDB's MaxTimeMSExpired: a bounded query (a list, a count) read for longer than its `maxTimeMS`. */
export const MAX_TIME_EXPIRED = 50;

/** Whether a database error is a bounded read stopped at its `maxTimeMS`. */
export function isMaxTimeExpired(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === MAX_TIME_EXPIRED;
}
