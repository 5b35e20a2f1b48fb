/**
 * The complaint (投诉) workflow's words and shapes: start input, actions, view and result
 * (the workflow's updates and query are in its contract). Instants are epoch ms (UTC).
 */
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { OversightAlertView, OversightHistoryEntry } from './ladder';
import type { OversightActionBase, OversightAlertLevel } from './vocabulary';

export const COMPLAINT_CHANNELS = ['web', 'phone', 'sms'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_FINDINGS = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const;

export interface ComplaintLimits {
  /** Natural hours from filing to the first response; 24 by the rules. */
  firstResponseHours: number;
  /** Working days from filing to the conclusion (the configured handling limit). */
  handlingDays: number;
  /** Working days after the handling deadline at which the supervision office's leader is told; default 2. */
  escalationDays?: number;
  /** Natural days after the conclusion during which the complainant may rate; default 15. */
  ratingWindowDays?: number;
}

export interface ComplaintStartInput {
  complaintNo: string;
  /** Given to the complainant with the number: both open the public status page and the rating. */
  queryCode: string;
  channel: ComplaintChannel;
  complainant: { name: string; phone?: string; email?: string };
  content: string;
  /** What the complaint names, as far as the complainant knows. */
  about: { department?: string; caseNo?: string; itemCode?: string };
  filedAt: Instant;
  /** Staff who registered it on behalf of a caller; absent for the public web form. */
  registeredBy?: { userId: string; name?: string };
  calendar: WorkCalendar;
  limits: ComplaintLimits;
}

export type TransferComplaintArgs = OversightActionBase & { department: string; note?: string };
export type RespondComplaintArgs = OversightActionBase & { message: string };
export type ConcludeComplaintArgs = OversightActionBase & { result: string; finding: (typeof COMPLAINT_FINDINGS)[number] };
export type RateComplaintArgs = OversightActionBase & { score: number; comment?: string };

export type ComplaintStatus = 'registered' | 'transferred' | 'responded' | 'concluded';

export interface ComplaintActionResult {
  complaintNo: string;
  idempotencyKey: string;
  status: ComplaintStatus;
  at: Instant;
  eventSeq: number;
}

export interface ComplaintConclusion {
  by: { userId: string; name?: string };
  at: Instant;
  result: string;
  finding: ConcludeComplaintArgs['finding'];
  onTime: boolean;
  /** Working days from filing to the conclusion. */
  workingDays: number;
}

export interface ComplaintView {
  complaintNo: string;
  queryCode: string;
  channel: ComplaintChannel;
  complainant: ComplaintStartInput['complainant'];
  content: string;
  about: ComplaintStartInput['about'];
  filedAt: Instant;
  registeredBy: { userId: string; name?: string } | null;
  /** The department it was transferred to; null until then. */
  department: string | null;
  status: ComplaintStatus;
  transfers: { department: string; by: string; at: Instant; note?: string }[];
  responses: { by: string; at: Instant; message: string }[];
  firstResponseAt: Instant | null;
  firstResponseDeadline: Instant;
  firstResponseOnTime: boolean | null;
  handlingDeadline: Instant;
  provisional: boolean;
  conclusion: ComplaintConclusion | null;
  rating: { score: number; comment?: string; at: Instant } | null;
  ratingClosesAt: Instant | null;
  level: OversightAlertLevel | 'normal';
  alerts: OversightAlertView[];
  next: { key: string; at: Instant } | null;
  history: OversightHistoryEntry[];
  seq: number;
}

export interface ComplaintResult {
  complaintNo: string;
  conclusion: ComplaintConclusion;
  rating: ComplaintView['rating'];
}
