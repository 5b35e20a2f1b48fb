/** Whether a database error is a duplicate key (E11000): an insert or upsert of an `_id` or unique key already taken. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
