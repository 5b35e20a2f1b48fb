import type { EdgeAction, ProcessShape, SpecialProcedureKind } from '../../../domain/definition';
import type { AlertLevel } from '../../../domain/ladder/types';
import type { CaseView } from '../../../domain/records/case-view';
import type { IsoInstants } from '../../../domain/records/instants';
import { api, newIdempotencyKey } from './client';
import type { Answer, Body, Query } from './contract';

export type CaseStatus = CaseSummary['status'];
/** What completing a step reports (fee, documents), as the action bodies take it. */
type StepReport = Pick<Body<'case-accept'>, 'feeCharged' | 'documents'>;

/** Cases (api/cases): the board's list, one case's detail, clerk actions and urging. Instants are ISO strings. */
export type Iso = string;

export type CaseSummary = Answer<'listCases'>['items'][number];

/** The workflow's `caseState` view as the API answers it: the domain's type, instants as ISO strings. */
export type LiveCase = IsoInstants<CaseView>;

type Detail = Answer<'readCase'>;

export type TimelineEntry = Detail['timeline'][number];

/** The process graph the case runs on, its nodes and edges as the definition has them (the schema names their keys only). */
export type CaseGraph = Omit<NonNullable<Detail['graph']>, 'nodes' | 'edges' | 'layout'> & {
  nodes: ProcessShape['nodes'];
  edges: ProcessShape['edges'];
  layout: NonNullable<ProcessShape['layout']> | null;
};

/** A case's detail; `live` is the workflow's view, which the schema leaves open. */
export type CaseDetail = Omit<Detail, 'live' | 'graph'> & {
  /** Null once the case has ended and its workflow can no longer be asked. */
  live: LiveCase | null;
  graph: CaseGraph | null;
};

/** A clerk's worklist: 待办, 已办, 本部门, 办结. */
export type Worklist = NonNullable<Query<'listCases'>['list']>;
export const WORKLISTS: readonly Worklist[] = ['todo', 'done', 'department', 'concluded'];
export type CaseSort = NonNullable<Query<'listCases'>['sort']>;

export interface CaseFilters {
  alertLevel?: AlertLevel | '';
  /** A department's code (the page shows its name). */
  department?: string;
  itemCode?: string;
  /** A step's node id (the page shows its name). */
  step?: string;
  status?: CaseStatus | '';
  /** Part of the case number, the applicant, the item name or code; searched by the API. */
  q?: string;
  /** Only the caller's tasks: open cases at a step of their department and positions. */
  mine?: boolean;
  list?: Worklist;
  sort?: CaseSort;
}

export type CasePage = Answer<'listCases'>;

/** A page of the cases the caller may see, newest first; `cursor` is the previous page's `nextCursor`. */
export function listCases(filters: CaseFilters = {}, cursor?: string, limit = 100): Promise<CasePage> {
  const query = {
    ...countFilters(filters), mine: filters.mine === true ? true : undefined, list: filters.list, sort: filters.sort, cursor, limit,
  };
  return api<CasePage>('/cases', { query });
}

function countFilters(filters: CaseFilters) {
  return {
    alertLevel: filters.alertLevel, department: filters.department, itemCode: filters.itemCode, step: filters.step, status: filters.status,
    q: filters.q?.trim(),
  };
}

/** How many cases each of the caller's worklists holds, for the same search and filters. */
export function countWorklists(filters: CaseFilters = {}): Promise<Answer<'countWorklists'>> {
  return api('/worklists', { query: countFilters(filters) });
}

/** Open cases at each alert level, for the board's filters (without its level). */
export function countLevels(filters: CaseFilters = {}): Promise<Answer<'countCaseLevels'>> {
  return api('/case-levels', { query: { ...countFilters(filters), alertLevel: undefined } });
}

export function getCase(caseNo: string): Promise<CaseDetail> {
  return api<CaseDetail>(`/cases/${encodeURIComponent(caseNo)}`);
}

export type NewCase = Body<'startCase'>;

/** Registers an application; the same registration sent again under its key (its answer was lost) answers the case it started. */
export function startCase(input: NewCase, idempotencyKey = newIdempotencyKey()): Promise<Answer<'startCase', 201>> {
  return api('/cases', { method: 'POST', body: input, idempotencyKey });
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
  | { action: 'conclude'; body: StepReport & { nodeId?: string; action?: EdgeAction } }
  | { action: 'claim' | 'release'; body: { nodeId?: string } };

export type ActionResult = Answer<'case-accept'>;

/** Takes a clerk action; a refusal (409) comes back as an ApiError whose message is the workflow's reason. */
export function act(caseNo: string, action: CaseAction, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
  return api<ActionResult>(`/cases/${encodeURIComponent(caseNo)}/actions/${action.action}`, {
    method: 'POST',
    body: action.body,
    idempotencyKey,
  });
}

export function unlock(caseNo: string, reason: string, idempotencyKey = newIdempotencyKey()): Promise<Answer<'unlockCase'>> {
  return api(`/cases/${encodeURIComponent(caseNo)}/unlock`, { method: 'POST', body: { reason }, idempotencyKey });
}

export function urge(caseNo: string, message: string, idempotencyKey = newIdempotencyKey()): Promise<Answer<'urgeCase'>> {
  return api(`/cases/${encodeURIComponent(caseNo)}/urge`, { method: 'POST', body: { message }, idempotencyKey });
}

