import { api } from './client';
import type { ComplaintView } from '../../../domain/oversight/complaint';
import type { IsoInstants } from '../../../domain/records/instants';
import type { Answer, Body } from './contract';
import type { LadderLevel, Page } from './orders';

/** Complaints (投诉, api/complaints) as staff handle them. Instants are ISO strings. */

export type ComplaintSummary = Answer<'listComplaints'>['items'][number];
export type Channel = ComplaintSummary['channel'];
export type ComplaintFinding = Body<'concludeComplaint'>['finding'];
export type ComplaintStatus = ComplaintSummary['status'];

// The schema's lists in the order the forms offer them; `satisfies` ties each value to the schema.
export const CHANNELS = ['web', 'phone', 'sms'] as const satisfies readonly Channel[];
export const COMPLAINT_FINDING_LIST = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const satisfies readonly ComplaintFinding[];
export const COMPLAINT_STATUSES = ['registered', 'transferred', 'responded', 'concluded'] as const satisfies readonly ComplaintStatus[];

/** The workflow's view of the complaint, while it can be asked, without the complainant's query code. */
export type LiveComplaint = IsoInstants<Omit<ComplaintView, 'queryCode'>>;

/** A complaint's detail; `live` is the workflow's view, which the schema leaves open. */
export type ComplaintDetail = Omit<Answer<'readComplaint'>, 'live'> & { live: LiveComplaint | null };

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

export type Registration = Body<'registerComplaint'>;
export type Registered = Answer<'registerComplaint', 201>;

/** Staff register a caller's complaint; the key makes a repeated click the same registration. */
export function registerComplaint(body: Registration, idempotencyKey: string): Promise<Registered> {
  return api('/complaints', { method: 'POST', body, idempotencyKey });
}

export type ComplaintActionResult = Answer<'transferComplaint'>;

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
