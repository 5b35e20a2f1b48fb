import type { Connection, Model } from 'mongoose';
import { isDuplicateKey } from './errors';
import { applyUpdate, casWrite, type DocId } from './versioned-write';

/**
 * Conditional writes of one document by `_id` that stay cheap on both databases.
 *
 * MongoDB applies `updateOne({ _id, ...guard }, update)` atomically and finds the document by
 * its `_id` index. FerretDB v1 (SQLite backend) looks a document up by index only when the
 * filter is exactly `{ _id: <string> }`: with any other key it decodes and tests every
 * document of the collection, so a guarded write on the case read model costs time in
 * proportion to the number of cases (measured 5 / 21 / 116 ms at 500 / 5,000 / 20,000
 * documents). It also applies updates as read-modify-write without isolation, so the guard
 * never protected concurrent writers there anyway. On FerretDB the document is therefore
 * read by `{ _id }`, the guard tested and the update applied here, and the result written as
 * a compare-and-swap that holds between processes (db/versioned-write.ts).
 */
/** No condition: the write only needs to be one compare-and-swap with the others on FerretDB. */
export const ALWAYS = { filter: {}, holds: () => true } as const;

export interface Guard<T> {
  /** The guard as a MongoDB filter, applied together with `_id`. */
  filter: Record<string, unknown>;
  /** The same guard tested on the stored document (null when there is none). */
  holds(stored: T | null): boolean;
}

const ferret = new WeakMap<Connection, Promise<boolean>>();

/** Whether the connection is to FerretDB (its `buildInfo` names FerretDB's features); asked once per connection. */
export function isFerretDb(db: Connection): Promise<boolean> {
  let known = ferret.get(db);
  if (!known) {
    known = (async () => {
      const admin = db.db?.admin();
      if (!admin) return false;
      const info = await admin.command({ buildInfo: 1 });
      return 'ferretdbVersion' in info || 'ferretdbFeatures' in info;
    })();
    known.catch(() => ferret.delete(db));
    ferret.set(db, known);
  }
  return known;
}

/** The schema's defaults of a new document, as Mongoose sets them on an upsert's insert. */
function defaultsOf<T>(model: Model<T>, id: DocId): Record<string, unknown> {
  return (new model({ _id: id }) as unknown as { toObject(): Record<string, unknown> }).toObject();
}

/**
 * The update with the schema's timestamps added, as Mongoose adds them to its own updates
 * (the compare-and-swap writes the document whole, past Mongoose's update middleware).
 */
function stamped<T>(model: Model<T>, update: Record<string, unknown>): Record<string, unknown> {
  const option = model.schema.get('timestamps') as boolean | { createdAt?: string | boolean; updatedAt?: string | boolean } | undefined;
  if (!option) return update;
  const name = (value: string | boolean | undefined, fallback: string) => (value === false ? null : typeof value === 'string' ? value : fallback);
  const updatedAt = name(option === true ? undefined : option.updatedAt, 'updatedAt');
  const createdAt = name(option === true ? undefined : option.createdAt, 'createdAt');
  const now = new Date();
  return {
    ...update,
    ...(updatedAt && { $set: { [updatedAt]: now, ...(update['$set'] as object | undefined) } }),
    ...(createdAt && { $setOnInsert: { [createdAt]: now, ...(update['$setOnInsert'] as object | undefined) } }),
  };
}

/**
 * Applies `update` to the document `id` if the guard holds (with `upsert`, also when there
 * is no document yet and the guard holds of none). Answers whether it wrote.
 *
 * An upsert answered "duplicate key" either raced another insert of the same `_id` or (in
 * the atomic mode) found a document the guard refuses; it is tried again against the now
 * stored document, and a second "duplicate key" means the guard refuses.
 */
export async function guardedUpdate<T>(
  model: Model<T>,
  id: DocId,
  guard: Guard<T>,
  update: Record<string, unknown>,
  options: {
    upsert?: boolean;
    mode?: 'atomic' | 'read-then-write';
    /**
     * Read-then-write only: called with the document the write was computed from and the one
     * written (both null: no write), and whether no newer version was found after it.
     */
    onWrite?: (before: T | null, after: T | null, newest: boolean) => void;
    /**
     * Read-then-write only: what must follow each version published, before the check for a
     * newer one (db/versioned-write.ts `published`).
     */
    published?: (doc: T, before: T | null) => Promise<void>;
    /**
     * Read-then-write only: the next write of this document in this process starts from the
     * one written now instead of reading it (db/versioned-write.ts `remember`). Only for a
     * collection whose every writer goes through this function or `casWrite`.
     */
    remember?: boolean;
  } = {},
): Promise<boolean> {
  const upsert = options.upsert ?? false;
  const mode = options.mode ?? ((await isFerretDb(model.db)) ? 'read-then-write' : 'atomic');
  const once = async (): Promise<boolean> => {
    if (mode === 'atomic') {
      const result = await model.updateOne({ _id: id, ...guard.filter } as never, update as never, { upsert });
      return result.matchedCount + result.upsertedCount > 0;
    }
    const written = await casWrite<T & { _id: DocId }>(model.db, model.collection.name, id, (stored) =>
      guard.holds(stored) && (stored !== null || upsert) ? applyUpdate(stored, id, stamped(model, update), stored === null ? defaultsOf(model, id) : {}) : null,
    { remember: options.remember === true, ...(options.published && { published: options.published as (doc: T & { _id: DocId }, before: (T & { _id: DocId }) | null) => Promise<void> }) });
    options.onWrite?.(written?.before ?? null, written?.after ?? null, written?.newest ?? false);
    return written !== null;
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (attempt >= 2) return false;
    }
  }
}

/**
 * Deletes the document `id` if the guard holds; answers whether it deleted. On FerretDB the
 * document is read by `{ _id }`, the guard tested here and the document deleted by `{ _id }`
 * (a filter with the guard would read the whole collection). That is not atomic there, so it
 * is for a document the caller alone may change at the time: a pending request or intent
 * whose claim it holds.
 */
export async function guardedDelete<T>(model: Model<T>, id: DocId, guard: Guard<T>): Promise<boolean> {
  if (!(await isFerretDb(model.db))) return (await model.deleteOne({ _id: id, ...guard.filter } as never)).deletedCount > 0;
  const stored = await model.findById(id).lean<T>();
  if (stored === null || !guard.holds(stored)) return false;
  return (await model.deleteOne({ _id: id } as never)).deletedCount > 0;
}
