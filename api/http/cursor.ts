import { badRequest } from './errors';

/** Keyset cursors over (instant, id), newest first: opaque to clients, base64url of `[epoch ms, id]`. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString('base64url');
}

/** The position a cursor names, or a 400 on `cursor` for anything this API did not give. */
export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'number' && Number.isSafeInteger(at) && typeof id === 'string') return { at: new Date(at), id };
  } catch {
    // answered by the 400 below
  }
  throw badRequest('The cursor is invalid.', [{ in: 'query', pointer: '/cursor', detail: 'is not a cursor this API gave' }]);
}

/** The filter of the page after `cursor` on a field sorted newest first, then by `_id`. */
export function afterCursor(field: string, cursor: string): Record<string, unknown> {
  const { at, id } = decodeCursor(cursor);
  return { $or: [{ [field]: { $lt: at } }, { [field]: at, _id: { $lt: id } }] };
}
