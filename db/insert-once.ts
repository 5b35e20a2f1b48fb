import type { Model } from 'mongoose';
import { isDuplicateKey } from './errors';
import { groupCommit } from './group-commit';

/**
 * Inserts documents whose ids the caller fixed, in one command: a document already there
 * (a retry after a partial write) is left as it is, any other failure is thrown. One command
 * for many documents matters on FerretDB, whose SQLite backend commits each command on its
 * own: a burst of alerts was mostly waiting on commits. So the documents of the recordings
 * running at once go into one command too (db/group-commit.ts).
 */
export async function insertAllOnce<T>(model: Model<T>, docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  await groupCommit<object[]>(`${model.db.id}/${model.collection.name}/insert`, docs, async (groups) => {
    try {
      await model.insertMany(groups.flat(), { ordered: false, throwOnValidationError: true });
    } catch (error) {
      const failed = (error as { writeErrors?: unknown[] }).writeErrors;
      if (Array.isArray(failed) && failed.length > 0 && failed.every((e) => isDuplicateKey((e as { err?: unknown }).err ?? e))) return;
      throw error;
    }
  });
}
