import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from 'mongoose';
import { appealModel } from '../../db/models/appeal';
import { evaluationModel, type EvaluationAdjustment, type EvaluationDoc } from '../../db/models/evaluation';
import { evaluationIdOf, rescorer, type Rescore } from '../../db/queries/evaluations';
import { upheldExclusions } from '../../domain/evaluation/appeal';
import { rank, scoreDepartment, type DepartmentFacts } from '../../domain/evaluation/score';
import { parsePeriod } from '../../domain/statistics/periods';
import { departmentFacts } from './facts';
import { resolveStandard } from './standards';

export interface EvaluatePeriodInput {
  /** '2026-03', '2026-Q1' or '2026'. */
  period: string;
  standard?: { code?: string; version?: number };
  /** Workflow id of the run, recorded with the evaluation. */
  runBy: string;
}

export interface EvaluationSummary {
  evaluationId: string;
  period: string;
  status: 'draft' | 'published';
  departments: number;
  /** False when the evaluation was published already and left as it was. */
  written: boolean;
  top: { department: string; score: number; rank: number }[];
}

/** Appeals already upheld keep their effect when a draft is evaluated again. */
async function upheldAdjustments(
  db: Connection, evaluationId: string, scores: Map<string, number>, rescore: Rescore, departments: readonly { department: string; inputs: DepartmentFacts }[],
): Promise<EvaluationAdjustment[]> {
  const upheld = await appealModel(db).find({ evaluationId, status: 'upheld' }).sort({ filedAt: 1 }).lean();
  const adjustments: EvaluationAdjustment[] = [];
  const upheldCases = new Map<string, string[]>();
  for (const appeal of upheld) {
    const base = scores.get(appeal.department);
    if (base === undefined || !appeal.decision) continue;
    const cases = [...(upheldCases.get(appeal.department) ?? []), appeal.caseNo];
    upheldCases.set(appeal.department, cases);
    const inputs = departments.find((d) => d.department === appeal.department)?.inputs;
    const refs = inputs ? upheldExclusions(inputs, cases) : new Set<string>();
    const before = adjustments.filter((a) => a.department === appeal.department).at(-1)?.after ?? base;
    adjustments.push({
      appealId: appeal._id, department: appeal.department, caseNo: appeal.caseNo, ref: appeal.ref, before,
      after: rescore(appeal.department, refs) ?? base, at: appeal.decision.at, by: appeal.decision.by,
    });
  }
  return adjustments;
}

/**
 * Scores every department with activity in the period by the standard, ranks them and
 * writes the evaluation as a draft. Idempotent: a draft is rewritten whole (with upheld
 * appeals applied again); a published evaluation is left untouched.
 */
export async function evaluatePeriod(db: Connection, input: EvaluatePeriodInput, now: Date): Promise<EvaluationSummary> {
  const period = parsePeriod(input.period);
  if (!period) throw ApplicationFailure.create({ type: 'INVALID_PERIOD', message: `not a period: ${input.period}`, nonRetryable: true });
  const standardDoc = await resolveStandard(db, input.standard);
  const evaluationId = evaluationIdOf(standardDoc.code, period.key);
  const Evaluation = evaluationModel(db);
  const existing = await Evaluation.findById(evaluationId, { status: 1, ranking: 1 }).lean();
  if (existing?.status === 'published') {
    return { evaluationId, period: period.key, status: 'published', departments: existing.ranking.length, written: false, top: existing.ranking.slice(0, 3) };
  }
  const inputs = await departmentFacts(db, period, now, 480, evaluationId);
  const standard = standardDoc.standard;
  const departments = inputs.map((facts) => ({ ...scoreDepartment(standard, facts), inputs: facts }));
  const ranking = rank(departments);
  const scores = new Map(departments.map((d) => [d.department, d.score]));
  const adjustments = await upheldAdjustments(db, evaluationId, scores, rescorer(standard, departments), departments);
  const doc: Omit<EvaluationDoc, '_id' | 'publishedAt' | 'publishedBy'> = {
    period, standard: { code: standardDoc.code, version: standardDoc.version, name: standard.name }, standardSnapshot: standard,
    status: 'draft', departments, ranking, adjustments, evaluatedAt: now, runBy: input.runBy,
  };
  try {
    await Evaluation.updateOne({ _id: evaluationId, status: 'draft' }, { $set: doc }, { upsert: true });
  } catch (error) {
    // Published meanwhile: the duplicate key of the upsert says so; leave it.
    if ((error as { code?: unknown }).code !== 11000) throw error;
    return { evaluationId, period: period.key, status: 'published', departments: departments.length, written: false, top: [] };
  }
  return { evaluationId, period: period.key, status: 'draft', departments: departments.length, written: true, top: ranking.slice(0, 3) };
}

/** Publishes a draft: from then on it is public and never rewritten. Publishing again changes nothing. */
export async function publishEvaluation(db: Connection, evaluationId: string, by: string, now: Date): Promise<'published' | 'already-published'> {
  const result = await evaluationModel(db).updateOne({ _id: evaluationId, status: 'draft' }, { $set: { status: 'published', publishedAt: now, publishedBy: by } });
  if (result.modifiedCount === 1) return 'published';
  const exists = await evaluationModel(db).exists({ _id: evaluationId });
  if (!exists) throw ApplicationFailure.create({ type: 'EVALUATION_NOT_FOUND', message: `evaluation ${evaluationId} not found`, nonRetryable: true });
  return 'already-published';
}
