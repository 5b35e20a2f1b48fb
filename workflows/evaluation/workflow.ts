import { ApplicationFailure, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { localDateOf, MS_PER_DAY, startOfLocalDate } from '../../domain/calendar/local-date';
import { parsePeriod, previousPeriod } from '../../domain/statistics/periods';
import type { EvaluationInput, EvaluationRunResult } from './contract';

const evaluator = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Evaluates one period (绩效测评): waits until the period has closed (its last day's
 * midnight in the calendar's zone, plus the settle time), then scores every department
 * from the rollups and case facts, writes the evaluation and, if asked, publishes it.
 * A Schedule starts it on the first day of each month or quarter for the period just
 * ended; an on-demand run may name any period, even the running one.
 */
export async function evaluationWorkflow(input: EvaluationInput = {}): Promise<EvaluationRunResult> {
  const zone = { utcOffsetMinutes: input.utcOffsetMinutes ?? 480 };
  const period = input.period === undefined ? previousPeriod(input.periodKind ?? 'month', localDateOf(zone, Date.now())) : parsePeriod(input.period);
  if (!period) throw ApplicationFailure.create({ type: 'INVALID_PERIOD', message: `not a period: ${input.period}`, nonRetryable: true });
  const closesAt = startOfLocalDate(zone, period.to) + MS_PER_DAY + (input.settleMinutes ?? 0) * 60_000;
  const wait = closesAt - Date.now();
  if (wait > 0) await sleep(wait);
  const summary = await evaluator.evaluatePeriod({
    period: period.key, runBy: workflowInfo().workflowId, ...(input.standard && { standard: input.standard }),
  });
  let status = summary.status;
  if (input.publish && status === 'draft') {
    await evaluator.publishEvaluation({ evaluationId: summary.evaluationId, by: workflowInfo().workflowId });
    status = 'published';
  }
  return { evaluationId: summary.evaluationId, period: summary.period, status, departments: summary.departments, written: summary.written, evaluatedAt: Date.now() };
}
