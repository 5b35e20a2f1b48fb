import type { COMPLAINT_CHANNELS, COMPLAINT_FINDINGS } from '../../../workflows/complaint/contract';
import { api } from './client';
import type { LadderAlert, LadderLevel, OversightEntry, Page } from './orders';

/** Complaints (投诉, api/complaints) as staff handle them. Instants are ISO strings. */
type Iso = string;

// The workflow contract's lists; `satisfies` keeps these in step with it without bundling the workflow code.
export const CHANNELS = ['web', 'phone', 'sms'] as const satisfies typeof COMPLAINT_CHANNELS;
export const COMPLAINT_FINDING_LIST = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const satisfies typeof COMPLAINT_FINDINGS;
export const COMPLAINT_STATUSES = ['registered', 'transferred', 'responded', 'concluded'] as const;

export type Channel = (typeof CHANNELS)[number];
export type ComplaintFinding = (typeof COMPLAINT_FINDING_LIST)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export interface ComplaintSummary {
  complaintNo: string;
  channel: Channel;
  complainantName?: string;
  department: string | null;
  status: ComplaintStatus;
  level: LadderLevel;
  filedAt: Iso;
  firstResponseAt?: Iso | null;
  firstResponseOnTime?: boolean | null;
  handlingDeadline: Iso;
  concludedAt?: Iso | null;
  handledOnTime?: boolean | null;
  finding?: ComplaintFinding | null;
  rating?: number | null;
}

type Person = { userId: string; name?: string };

/** The workflow's view of the complaint, while it can be asked (without the complainant's query code). */
export interface LiveComplaint {
  complaintNo: string;
  channel: Channel;
  complainant: { name: string; phone?: string; email?: string };
  content: string;
  about: { department?: string; caseNo?: string; itemCode?: string };
  filedAt: Iso;
  registeredBy: Person | null;
  department: string | null;
  status: ComplaintStatus;
  transfers: { department: string; by: string; at: Iso; note?: string }[];
  responses: { by: string; at: Iso; message: string }[];
  firstResponseAt: Iso | null;
  firstResponseDeadline: Iso;
  firstResponseOnTime: boolean | null;
  handlingDeadline: Iso;
  provisional: boolean;
  conclusion: { by: Person; at: Iso; result: string; finding: ComplaintFinding; onTime: boolean; workingDays: number } | null;
  rating: { score: number; comment?: string; at: Iso } | null;
  ratingClosesAt: Iso | null;
  level: LadderLevel;
  alerts: LadderAlert[];
  next: { key: string; at: Iso } | null;
}

export interface ComplaintDetail {
  complaint: ComplaintSummary | null;
  live: LiveComplaint | null;
  timeline: OversightEntry[];
}

export interface ComplaintFilters {
  status?: ComplaintStatus | '';
  department?: string;
  channel?: Channel | '';
  level?: LadderLevel | '';
  overdue?: boolean;
}

export function listComplaints(filters: ComplaintFilters, cursor?: string, limit = 50): Promise<Page<ComplaintSummary>> {
  return api<Page<ComplaintSummary>>('/complaints', { query: { ...filters, overdue: filters.overdue || undefined, cursor, limit } });
}

export function getComplaint(complaintNo: string): Promise<ComplaintDetail> {
  return api<ComplaintDetail>(`/complaints/${encodeURIComponent(complaintNo)}`);
}

export interface Registration {
  channel: Channel;
  complainant: { name: string; phone?: string; email?: string };
  content: string;
  about?: { department?: string; caseNo?: string; itemCode?: string };
}

export interface Registered {
  complaintNo: string;
  /** Given to the complainant once: with the number it opens the public status page and the rating form. */
  queryCode: string;
  filedAt: Iso;
  firstResponseDeadline: Iso;
  handlingDeadline: Iso;
}

/** Staff register a caller's complaint; the key makes a repeated click the same registration. */
export function registerComplaint(body: Registration, idempotencyKey: string): Promise<Registered> {
  return api('/complaints', { method: 'POST', body, idempotencyKey });
}

export interface ComplaintActionResult {
  complaintNo: string;
  status: ComplaintStatus;
  at: Iso;
}

const action = (complaintNo: string, what: 'transfer' | 'respond' | 'conclude', body: object, idempotencyKey: string) =>
  api<ComplaintActionResult>(`/complaints/${encodeURIComponent(complaintNo)}/${what}`, { method: 'POST', body, idempotencyKey });

export function transferComplaint(complaintNo: string, body: { department: string; note?: string }, idempotencyKey: string) {
  return action(complaintNo, 'transfer', body, idempotencyKey);
}

export function respondToComplaint(complaintNo: string, body: { message: string }, idempotencyKey: string) {
  return action(complaintNo, 'respond', body, idempotencyKey);
}

export function concludeComplaint(complaintNo: string, body: { result: string; finding?: ComplaintFinding }, idempotencyKey: string) {
  return action(complaintNo, 'conclude', body, idempotencyKey);
}
