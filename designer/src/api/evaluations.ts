import type { CaseFact, DepartmentScore, ScoringStandard } from '../../../domain/evaluation';
import type { PeriodRange } from '../../../domain/statistics/periods';
import type { Iso } from './cases';
import { api } from './client';
import type { Answer } from './contract';

/**
 * Performance evaluation (api/evaluations): scoring standards, evaluations with each
 * department's indicators and cases, publication, and appeals (申诉) of red cards.
 * None of these calls takes an Idempotency-Key: a repeated appeal, decision or publication
 * is refused with 409, and a repeated start joins the run already going.
 */

/** A version of a scoring standard; the standard itself is the domain's, which the schema leaves open. */
export type StandardVersion = Omit<Answer<'listScoringStandards'>[number], 'standard'> & { standard: ScoringStandard };

/** An evaluation in the list; the schema leaves its period, standard and status open. */
export type EvaluationSummary = Omit<Answer<'listEvaluations'>[number], 'period' | 'standard' | 'status'> & {
  period: PeriodRange;
  standard: { code: string; version: number; name: string };
  status: 'draft' | 'published';
};

export type RankedDepartment = Answer<'readEvaluation'>['ranking'][number];

export interface EvaluationAdjustment {
  appealId: string;
  department: string;
  caseNo: string;
  ref: string;
  before: number;
  after: number;
  at: Iso;
  by: string;
}

export type DepartmentEvaluation = DepartmentScore & { inputs: { facts: CaseFact[] } };

export interface Evaluation extends Omit<EvaluationSummary, 'departments'> {
  /** Every department for supervisors; a department's officer sees their own only. */
  departments: DepartmentEvaluation[];
  ranking: RankedDepartment[];
  /** The ranking after upheld appeals, with department names. */
  finalRanking: RankedDepartment[];
  adjustments: EvaluationAdjustment[];
}

export type EvaluationStarted = Answer<'startEvaluation'>;

export type AppealStatus = Answer<'readAppeal'>['status'];

/** Instants from the workflow's own view may come as epoch milliseconds. */
export type When = Iso | number;

export interface ClockEvidence {
  case: {
    status: string; outcome: string | null; acceptedAt: Iso | null; concludedAt: Iso | null; deadline: Iso | null; statutoryDeadline: Iso | null;
    workingDaysUsed: number | null; onTime: boolean | null; provisional: boolean;
  } | null;
  /** The ladder from the case workflow while it answers; null once it no longer does. */
  thresholds: {
    thresholds: { key: string; kind: string; at: When; due: boolean; provisional: boolean }[];
    suspended: { key: string; kind: string }[];
    processing: { startedAt: When | null; stoppedAt?: When; pauses: { reason: string; from: When; to?: When }[] } | null;
    provisional: boolean;
  } | null;
  alerts: { id: string; key: string; kind: string; level: string; thresholdAt: Iso | null; raisedAt: Iso | null; provisional: boolean }[];
  events: { seq: number; type: string; at: Iso | null; summary: string; payload?: Record<string, unknown> }[];
}

/** An appeal; its decision, adjustment and evidence are left open by the schema. */
export type Appeal = Omit<Answer<'readAppeal'>, 'decision' | 'adjustment' | 'evidence'> & {
  decision: { by: string; at: Iso; comment: string } | null;
  adjustment?: EvaluationAdjustment;
  evidence?: ClockEvidence;
};

const path = (id: string) => `/evaluations/${encodeURIComponent(id)}`;

export const listStandards = () => api<StandardVersion[]>('/scoring-standards');
export const standardVersions = (code: string) => api<StandardVersion[]>(`/scoring-standards/${encodeURIComponent(code)}`);
export const createStandardVersion = (standard: unknown) => api<StandardVersion>('/scoring-standards', { method: 'POST', body: standard });

export const listEvaluations = () => api<EvaluationSummary[]>('/evaluations');
export const getEvaluation = (id: string) => api<Evaluation>(path(id));
/** Evaluates a period; a closed period answers when written (`wait`), an open one when it closes. */
export const startEvaluation = (period: string, standardCode?: string) =>
  api<EvaluationStarted>('/evaluations', { method: 'POST', body: { period, wait: true, ...(standardCode && { standard: { code: standardCode } }) } });
export const publishEvaluation = (id: string) => api<Evaluation>(`${path(id)}/publish`, { method: 'POST' });

export const evaluationAppeals = (id: string) => api<Appeal[]>(`${path(id)}/appeals`);
export const fileAppeal = (id: string, caseNo: string, ref: string, reason: string) =>
  api<Appeal>(`${path(id)}/appeals`, { method: 'POST', body: { caseNo, ref, reason } });
export const listAppeals = (status: AppealStatus) => api<Appeal[]>('/appeals', { query: { status } });
export const getAppeal = (appealId: string) => api<Appeal>(`/appeals/${encodeURIComponent(appealId)}`);
export const decideAppeal = (appealId: string, decision: 'upheld' | 'rejected', comment: string) =>
  api<Appeal>(`/appeals/${encodeURIComponent(appealId)}/decision`, { method: 'POST', body: { decision, comment } });

/** A department's evaluation by person, after upheld appeals. */
export type EvaluationByPerson = Answer<'readEvaluationByPerson'>;
export const evaluationByPerson = (id: string, department?: string) =>
  api<EvaluationByPerson>(`/evaluations/${encodeURIComponent(id)}/persons`, { query: { department } });
