import type { AlertLevel } from '../../../domain/schedule-types';
import type {
  ActionResult,
  Applicant,
  CaseStatus,
  CaseView,
  StepReport,
} from '../../../workflows/case/contract';
import type { EdgeAction, SpecialProcedureKind } from '../../../domain/definition';
import { api, newIdempotencyKey } from './client';

/**
 * Cases: the board's list, one case's state (the workflow's `CaseView`), clerk actions and
 * supervisor notices. Expected shape of the API's `cases` routes.
 */
export interface CaseSummary {
  caseNo: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: CaseStatus;
  alertLevel: AlertLevel;
  applicantName?: string;
  submittedAt: number | string;
  deadline: number | string | null;
  workingDaysRemaining?: number | null;
  /** Active tasks. */
  position: { nodeId: string; name: string; role?: string; department?: string; startedAt?: number | string; limitDays?: number }[];
}

export interface CaseFilters {
  alertLevel?: AlertLevel | '';
  department?: string;
  status?: CaseStatus | '';
  q?: string;
  /** Only cases with a task the caller may act on. */
  mine?: boolean;
}

export async function listCases(filters: CaseFilters = {}, signal?: AbortSignal): Promise<CaseSummary[]> {
  const query = { alertLevel: filters.alertLevel, department: filters.department, status: filters.status, q: filters.q, mine: filters.mine ? true : undefined };
  const answer = await api<{ cases: CaseSummary[] } | CaseSummary[]>('/cases', { query, ...(signal ? { signal } : {}) });
  return Array.isArray(answer) ? answer : answer.cases;
}

export function getCase(caseNo: string): Promise<CaseView> {
  return api<CaseView>(`/cases/${encodeURIComponent(caseNo)}`);
}

export interface NewCase {
  itemCode: string;
  applicant: Applicant;
  data: Record<string, unknown>;
  /** ISO date-time; the past is allowed for a case registered late. */
  submittedAt?: string;
}

export function startCase(input: NewCase): Promise<{ caseNo: string; queryCode?: string }> {
  return api('/cases', { method: 'POST', body: input, idempotencyKey: newIdempotencyKey() });
}

/** A clerk action's arguments, without the actor (the API takes it from the token) or the key (a header). */
export type CaseAction =
  | { action: 'accept'; body: StepReport & { comment?: string } }
  | { action: 'refuse'; body: { reason: string } }
  | { action: 'supplement-notice'; body: { materials: string[] } }
  | { action: 'supplement-received'; body: { comment?: string } }
  | { action: 'complete-step'; body: StepReport & { nodeId?: string; action: EdgeAction; returnTo?: string; comment?: string } }
  | { action: 'start-special-procedure'; body: { kind: SpecialProcedureKind; limitDays?: number; nodeId?: string; reason: string } }
  | { action: 'end-special-procedure'; body: { key?: string } }
  | { action: 'suspend'; body: { reason: string } }
  | { action: 'resume'; body: { comment?: string } }
  | { action: 'terminate'; body: { reason: string } }
  | { action: 'conclude'; body: StepReport & { nodeId?: string; action?: EdgeAction } };

/** Takes a clerk action; a refusal comes back as an ApiError whose message is the workflow's reason. */
export function act(caseNo: string, action: CaseAction, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
  return api<ActionResult>(`/cases/${encodeURIComponent(caseNo)}/actions/${action.action}`, {
    method: 'POST',
    body: action.body,
    idempotencyKey,
  });
}

export function urge(caseNo: string, message: string): Promise<unknown> {
  return api(`/cases/${encodeURIComponent(caseNo)}/urge`, { method: 'POST', body: { message }, idempotencyKey: newIdempotencyKey() });
}

export function openSupervisionOrder(caseNo: string, message: string, responseDays: number): Promise<unknown> {
  return api('/supervision-orders', {
    method: 'POST',
    body: { caseNo, message, responseDays },
    idempotencyKey: newIdempotencyKey(),
  });
}
