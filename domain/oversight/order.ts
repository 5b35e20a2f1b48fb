/**
 * The supervision-order (督办) workflow's words and shapes: start input, actions, view and
 * result (the workflow's updates and query are in its contract). Instants are epoch ms (UTC).
 */
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { OversightAlertView, OversightHistoryEntry } from './ladder';
import type { OversightActionBase, OversightAlertLevel } from './vocabulary';

/** An order is opened on a case, or on one of a case's alerts. */
export type OrderSubject = { kind: 'case'; caseNo: string } | { kind: 'alert'; alertId: string; caseNo: string };

export interface SupervisionOrderOptions {
  /** Hours after local midnight of the last working day at which the reminder falls; default 9. */
  reminderHour?: number;
  /** Working days after the response deadline at which the supervision office's leader is told; default 2. */
  leaderAfterDays?: number;
}

export interface SupervisionOrderStartInput {
  orderId: string;
  subject: OrderSubject;
  itemCode: string;
  /** The department that must answer. */
  department: string;
  title: string;
  requirement: string;
  openedBy: { userId: string; name?: string };
  openedAt: Instant;
  /** Working days to answer, counted from the day after opening (domain/limitDeadline). */
  responseDays: number;
  calendar: WorkCalendar;
  options?: SupervisionOrderOptions;
}

export type AnswerOrderArgs = OversightActionBase & { answer: string; measuresTaken?: string };

export const FINDINGS = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const;
export const RESPONSIBILITIES = ['none', 'individual', 'department', 'leadership'] as const;
export const MEASURES = ['none', 'reminder', 'criticism', 'rectification', 'accountability'] as const;

export type ConcludeOrderArgs = OversightActionBase & {
  finding: (typeof FINDINGS)[number];
  responsibility: (typeof RESPONSIBILITIES)[number];
  measure: (typeof MEASURES)[number];
  comment?: string;
};

export type OrderStatus = 'open' | 'answered' | 'concluded';
/** on-time: answered by the response deadline; late: after it; unanswered: concluded without an answer. */
export type Responsiveness = 'on-time' | 'late' | 'unanswered';

export interface OrderAnswer {
  by: { userId: string; name?: string };
  at: Instant;
  answer: string;
  measuresTaken?: string;
  onTime: boolean;
  /** Working days from opening to the answer. */
  workingDays: number;
}

export interface OrderConclusion {
  by: { userId: string; name?: string };
  at: Instant;
  finding: ConcludeOrderArgs['finding'];
  responsibility: ConcludeOrderArgs['responsibility'];
  measure: ConcludeOrderArgs['measure'];
  comment?: string;
  responsiveness: Responsiveness;
  /** Working days from opening to the answer (or to the conclusion when unanswered). */
  responseWorkingDays: number;
  /** Working days past the response deadline (0 when on time). */
  lateWorkingDays: number;
}

export interface OrderActionResult {
  orderId: string;
  idempotencyKey: string;
  status: OrderStatus;
  at: Instant;
  eventSeq: number;
}

export interface SupervisionOrderView {
  orderId: string;
  subject: OrderSubject;
  caseNo: string;
  itemCode: string;
  department: string;
  title: string;
  requirement: string;
  openedBy: { userId: string; name?: string };
  openedAt: Instant;
  responseDays: number;
  responseDeadline: Instant;
  provisional: boolean;
  status: OrderStatus;
  level: OversightAlertLevel | 'normal';
  answer: OrderAnswer | null;
  conclusion: OrderConclusion | null;
  alerts: OversightAlertView[];
  /** The next rung of the ladder, while unanswered. */
  next: { key: string; at: Instant } | null;
  /** Whether the case workflow heard of each event (false when the case had ended). */
  caseNotified: { event: string; delivered: boolean }[];
  history: OversightHistoryEntry[];
  seq: number;
}

export interface SupervisionOrderResult {
  orderId: string;
  conclusion: OrderConclusion;
}
