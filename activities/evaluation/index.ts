import type { Connection } from 'mongoose';
import { evaluatePeriod, publishEvaluation, type EvaluatePeriodInput, type EvaluationSummary } from './evaluate';

/** Activities of the evaluation workflow: read rollups and case facts, score, write, publish. */
export function evaluationActivities(deps: { db: Connection }) {
  return {
    /** Scores every department of a period and writes the evaluation (a draft; a published one is left as it is). */
    async evaluatePeriod(input: EvaluatePeriodInput): Promise<EvaluationSummary> {
      return evaluatePeriod(deps.db, input, new Date());
    },
    /** Publishes an evaluation; publishing again changes nothing. */
    async publishEvaluation(input: { evaluationId: string; by: string }): Promise<'published' | 'already-published'> {
      return publishEvaluation(deps.db, input.evaluationId, input.by, new Date());
    },
  };
}
