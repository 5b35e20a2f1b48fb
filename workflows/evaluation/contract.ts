/**
 * The evaluation workflow's public contract: name, input, result, ids of its runs and
 * schedules. Pure constants and types, safe to import anywhere.
 */

export const EVALUATION_WORKFLOW_NAME = 'evaluationWorkflow';

export type EvaluationPeriodKind = 'month' | 'quarter' | 'year';

export interface EvaluationInput {
  /** '2026-03', '2026-Q1' or '2026'; default the `periodKind` period that ended last. */
  period?: string;
  /** For a scheduled run: which period just ended; default 'month'. */
  periodKind?: EvaluationPeriodKind;
  standard?: { code?: string; version?: number };
  /** Publish as soon as it is written (the draft stays reviewable otherwise). */
  publish?: boolean;
  /** Zone of the period's days; default +08:00. */
  utcOffsetMinutes?: number;
  /** Minutes after the period's last midnight before evaluating, so late records land; default 0. */
  settleMinutes?: number;
}

export interface EvaluationRunResult {
  evaluationId: string;
  period: string;
  status: 'draft' | 'published';
  departments: number;
  /** False when the evaluation was published already and left as it was. */
  written: boolean;
  /** When the run evaluated (workflow time). */
  evaluatedAt: number;
}

/** Workflow id of an on-demand evaluation: one run at a time per standard and period. */
export function evaluationWorkflowId(standardCode: string, period: string): string {
  return `evaluation-${standardCode}-${period}`;
}

/** Ids of the Temporal Schedules that evaluate every month and every quarter. */
export const EVALUATION_SCHEDULE_IDS = { month: 'sunlight-evaluation-monthly', quarter: 'sunlight-evaluation-quarterly' } as const;
