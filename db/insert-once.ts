import type { Model } from 'mongoose';
import { isDuplicateKey } from './errors';
import { groupCommit } from './group-commit';
import { storedFormOf } from './stored-form';

/**
 * Inserts documents whose ids the caller fixed, in one command: a document already there
 * (a retry after a partial write) is left as it is, any other failure is thrown. One command
 * for many documents matters on FerretDB, whose SQLite backend commits each command on its
 * own: a burst of alerts was mostly waiting on commits. So the documents of the recordings
 * running at once go into one command too (db/group-commit.ts), the first of them with those
 * that arrive in the same turn of the event loop (`gather`).
 *
 * Documents already in their stored form go to the driver as they are, with the schema's
 * defaults filled in (db/stored-form.ts); any other group goes through Mongoose, which casts
 * and validates it and names what is wrong.
 */
export async function insertAllOnce<T>(model: Model<T>, docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  await groupCommit<object[]>(`${model.db.id}/${model.collection.name}/insert`, docs, async (groups) => {
    const all = groups.flat();
    const form = storedFormOf(model.schema);
    const stored = form ? all.map(form) : null;
    try {
      if (stored?.every((doc) => doc !== null)) await model.collection.insertMany(stored as Record<string, unknown>[], { ordered: false });
      else await model.insertMany(all, { ordered: false, throwOnValidationError: true });
    } catch (error) {
      const failed = (error as { writeErrors?: unknown[] }).writeErrors;
      if (Array.isArray(failed) && failed.length > 0 && failed.every((e) => isDuplicateKey((e as { err?: unknown }).err ?? e))) return;
      throw error;
    }
  }, { gather: true });
}
