import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from 'mongoose';
import { scoringStandardModel, type ScoringStandardDoc } from '../../db/models/scoring-standard';
import { DEFAULT_STANDARD } from '../../domain/evaluation/default-standard';
import { validateStandard } from '../../domain/evaluation/validate';

/** Writes the default standard as version 1 of its code unless it is there (idempotent). */
export async function installDefaultStandard(db: Connection): Promise<void> {
  const { standard } = validateStandard(DEFAULT_STANDARD);
  if (!standard) throw new Error('the default scoring standard is invalid');
  await scoringStandardModel(db).updateOne(
    { _id: `${standard.code}@1` },
    { $setOnInsert: { code: standard.code, version: 1, standard, createdAt: new Date(0), createdBy: 'system' } },
    { upsert: true },
  );
}

/** The given version of a standard, or its latest; the default standard's code is installed on first use. */
export async function resolveStandard(db: Connection, ref: { code?: string; version?: number } = {}): Promise<ScoringStandardDoc> {
  const code = ref.code ?? DEFAULT_STANDARD.code;
  if (code === DEFAULT_STANDARD.code) await installDefaultStandard(db);
  const Standard = scoringStandardModel(db);
  const doc = ref.version === undefined
    ? await Standard.findOne({ code }).sort({ version: -1 }).lean()
    : await Standard.findById(`${code}@${ref.version}`).lean();
  if (!doc) {
    throw ApplicationFailure.create({ type: 'STANDARD_NOT_FOUND', message: `scoring standard ${code}@${ref.version ?? 'latest'} not found`, nonRetryable: true });
  }
  return doc;
}
