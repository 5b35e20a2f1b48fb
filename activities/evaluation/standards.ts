import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from 'mongoose';
import { scoringStandardModel, type ScoringStandardDoc } from '../../db/models/scoring-standard';
import { installDefaultStandard } from '../../db/queries/evaluations';
import { DEFAULT_STANDARD } from '../../domain/evaluation/default-standard';

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
