/**
 * The disposition (处置) of an anomaly (异常监察): its words and shapes. A supervisor explains
 * it (说明), confirms it with a responsibility finding (责任认定) or dismisses it; the
 * department may object (异议) to a finding once within its limit, and a supervisor decides.
 * The disposition workflow's updates and query are in its contract. Instants are epoch ms (UTC).
 */
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { OversightAlertView, OversightHistoryEntry } from './ladder';
import type { OversightActionBase, OversightAlertLevel } from './vocabulary';

export const DISPOSITION_OUTCOMES = ['explained', 'confirmed', 'dismissed'] as const;
export type DispositionOutcome = (typeof DISPOSITION_OUTCOMES)[number];
export const OBJECTION_DECISIONS = ['upheld', 'rejected'] as const;
export type ObjectionDecisionOutcome = (typeof OBJECTION_DECISIONS)[number];

/**
 * `open` until disposed; a confirmed finding may be `objected`, and an upheld objection
 * `withdrawn`s it. Only a finding that stands counts against the department's score.
 */
export type AnomalyStatus = 'open' | 'explained' | 'confirmed' | 'dismissed' | 'objected' | 'withdrawn';

export interface AnomalyLimits {
  /** Working days from the anomaly to its disposition before it is reminded. */
  dispositionDays: number;
  /** Working days after a finding within which the department may object. */
  objectionDays: number;
  /** Working days from an objection to the supervisor's decision before it is reminded. */
  decisionDays: number;
}

export interface AnomalyStartInput {
  anomalyId: string;
  caseNo: string;
  itemCode: string;
  department: string;
  kind: string;
  at: Instant;
  reason: string;
  /** Whose act it was, when one person's. */
  actorId: string | null;
  calendar: WorkCalendar;
  limits: AnomalyLimits;
}

/** Who is found responsible: a person of the department, or the department itself; and the measure taken. */
export interface Responsibility {
  kind: 'person' | 'department';
  userId?: string;
  measure: string;
}

export interface DisposeAnomalyArgs extends OversightActionBase {
  outcome: DispositionOutcome;
  /** The explanation, the finding's grounds or the reason for dismissing. */
  text: string;
  responsibility?: Responsibility;
}
export interface ObjectAnomalyArgs extends OversightActionBase {
  grounds: string;
}
export interface DecideObjectionArgs extends OversightActionBase {
  outcome: ObjectionDecisionOutcome;
  reason: string;
}

export interface Disposition {
  outcome: DispositionOutcome;
  text: string;
  responsibility: Responsibility | null;
  by: string;
  at: Instant;
}
export interface Objection {
  grounds: string;
  by: string;
  at: Instant;
}
export interface ObjectionDecision {
  outcome: ObjectionDecisionOutcome;
  reason: string;
  by: string;
  at: Instant;
}

export interface AnomalyActionResult {
  anomalyId: string;
  idempotencyKey: string;
  status: AnomalyStatus;
  at: Instant;
  eventSeq: number;
}

export interface AnomalyDispositionView {
  anomalyId: string;
  caseNo: string;
  itemCode: string;
  department: string;
  kind: string;
  at: Instant;
  reason: string;
  actorId: string | null;
  status: AnomalyStatus;
  disposition: Disposition | null;
  objection: Objection | null;
  decision: ObjectionDecision | null;
  dispositionDeadline: Instant;
  objectionClosesAt: Instant | null;
  /** The finding stands for good: no objection is possible any more, or it was rejected. */
  findingFinal: boolean;
  provisional: boolean;
  level: OversightAlertLevel | 'normal';
  alerts: OversightAlertView[];
  next: { key: string; at: Instant } | null;
  history: OversightHistoryEntry[];
  seq: number;
}

export interface AnomalyResult {
  anomalyId: string;
  status: AnomalyStatus;
  findingFinal: boolean;
}
