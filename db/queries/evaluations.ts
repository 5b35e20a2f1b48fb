import type { Connection } from 'mongoose';
import { DEFAULT_STANDARD } from '../../domain/evaluation/default-standard';
import { scoreDepartment } from '../../domain/evaluation/score';
import { validateStandard } from '../../domain/evaluation/validate';
import type { EvaluationDoc } from '../models/evaluation';
import { scoringStandardModel } from '../models/scoring-standard';

/** An evaluation's `_id`: one per standard and period. */
export const evaluationIdOf = (standardCode: string, period: string) => `${standardCode}:${period}`;

/** Scores a department again with some facts taken out; undefined when it was not evaluated. */
export type Rescore = (department: string, excludedRefs: ReadonlySet<string>) => number | undefined;

/** A rescorer over the departments of an evaluation, by the standard it was made with. */
export function rescorer(standard: EvaluationDoc['standardSnapshot'], departments: EvaluationDoc['departments']): Rescore {
  return (department, excluded) => {
    const d = departments.find((x) => x.department === department);
    return d && scoreDepartment(standard, d.inputs, { excluded }).score;
  };
}

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
