/**
 * 好差评: the applicant's rating of a concluded case (five levels, reasons ticked, text), and
 * the follow-up (整改/回访) a 差评 opens, handled by the department's officer within its own
 * limit in working days. Instants are epoch ms (UTC).
 */
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { OversightAlertView, OversightHistoryEntry } from '../oversight/ladder';
import type { OversightActionBase, OversightAlertLevel } from '../oversight/vocabulary';

/** 非常满意, 满意, 基本满意, 不满意, 非常不满意 (the national 政务服务好差评 scale). */
export const SATISFACTION_LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/** Reasons the applicant may tick; the web app names each in Chinese. */
export const RATING_REASONS = [
  'quick', 'courteous', 'clear-guide', 'one-visit',
  'slow', 'attitude', 'unclear-guide', 'repeated-visits', 'fees', 'other',
] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** Natural days after the conclusion during which the applicant may rate, when not configured. */
export const DEFAULT_RATING_WINDOW_DAYS = 15;
/** Working days the department has to follow a 差评 up, when not configured. */
export const DEFAULT_FOLLOW_UP_DAYS = 5;

export interface CaseRating {
  caseNo: string;
  itemCode: string;
  itemName: string;
  department: string;
  level: SatisfactionLevel;
  reasons: RatingReason[];
  comment?: string;
  ratedAt: Instant;
}

export interface FollowUpLimits {
  /** Working days from the rating to the follow-up's closure. */
  followUpDays: number;
  /** Working days after the deadline at which the supervision office's leader is told; default 2. */
  escalationDays?: number;
}

export interface FollowUpStartInput {
  rating: CaseRating;
  calendar: WorkCalendar;
  limits: FollowUpLimits;
}

/** 整改 (rectified), 已回访说明 (explained to the applicant on a return visit), 不属实 (complaint not borne out). */
export const FOLLOW_UP_OUTCOMES = ['rectified', 'explained', 'unfounded'] as const;

export type CloseFollowUpArgs = OversightActionBase & { outcome: (typeof FOLLOW_UP_OUTCOMES)[number]; result: string };

/** none: a good rating, nothing to follow up; open: a 差评 being followed up; closed: its result given. */
export type FollowUpStatus = 'none' | 'open' | 'closed';

export interface FollowUpClosure {
  by: { userId: string; name?: string };
  at: Instant;
  outcome: CloseFollowUpArgs['outcome'];
  /** What the applicant reads on the public page. */
  result: string;
  onTime: boolean;
  workingDays: number;
}

export interface FollowUpActionResult {
  caseNo: string;
  idempotencyKey: string;
  status: FollowUpStatus;
  at: Instant;
  eventSeq: number;
}

export interface FollowUpView {
  rating: CaseRating;
  status: FollowUpStatus;
  followUpDays: number;
  /** The end of the follow-up's limit; null for a good rating. */
  deadline: Instant | null;
  provisional: boolean;
  closure: FollowUpClosure | null;
  level: OversightAlertLevel | 'normal';
  alerts: OversightAlertView[];
  next: { key: string; at: Instant } | null;
  history: OversightHistoryEntry[];
  seq: number;
}

export interface FollowUpResult {
  caseNo: string;
  status: FollowUpStatus;
  closure: FollowUpClosure | null;
}
