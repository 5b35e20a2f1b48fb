/**
 * The consultation (咨询) workflow's words and shapes: a question about an item, asked by the
 * public on the portal or registered by staff for a caller, routed to the item's department
 * and answered within a limit in working days. Instants are epoch ms (UTC).
 */
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { OversightAlertView, OversightHistoryEntry } from '../oversight/ladder';
import type { OversightActionBase, OversightAlertLevel } from '../oversight/vocabulary';

export const CONSULTATION_CHANNELS = ['web', 'phone'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];

/** Working days to answer when not configured (the seeds' 咨询 two-working-day reply). */
export const DEFAULT_CONSULTATION_ANSWER_DAYS = 2;

export interface ConsultationLimits {
  /** Working days from the question to the answer, counted from the day after (domain/limitDeadline). */
  answerDays: number;
  /** Working days after the deadline at which the supervision office's leader is told; default 2. */
  escalationDays?: number;
}

export interface ConsultationStartInput {
  consultationNo: string;
  /** Given to the asker with the number: both open the answer on the portal. */
  queryCode: string;
  channel: ConsultationChannel;
  asker: { name: string; phone?: string };
  itemCode: string;
  itemName: string;
  /** The item's department: the one that answers. */
  department: string;
  question: string;
  askedAt: Instant;
  /** Staff who registered a caller's question; absent for the portal's form. */
  registeredBy?: { userId: string; name?: string };
  calendar: WorkCalendar;
  limits: ConsultationLimits;
}

export type AnswerConsultationArgs = OversightActionBase & { answer: string };

export type ConsultationStatus = 'open' | 'answered';

export interface ConsultationAnswer {
  by: { userId: string; name?: string };
  at: Instant;
  answer: string;
  /** Answered before the end of the limit. */
  onTime: boolean;
  /** Working days from the question to the answer. */
  workingDays: number;
}

export interface ConsultationActionResult {
  consultationNo: string;
  idempotencyKey: string;
  status: ConsultationStatus;
  at: Instant;
  eventSeq: number;
}

export interface ConsultationView extends Omit<ConsultationStartInput, 'calendar' | 'limits'> {
  answerDays: number;
  answerDeadline: Instant;
  provisional: boolean;
  status: ConsultationStatus;
  answer: ConsultationAnswer | null;
  level: OversightAlertLevel | 'normal';
  alerts: OversightAlertView[];
  next: { key: string; at: Instant } | null;
  history: OversightHistoryEntry[];
  seq: number;
}

export interface ConsultationResult {
  consultationNo: string;
  answer: ConsultationAnswer;
}
