import type { PauseReason } from '../../../domain/clock/types';
import type { CaseStatus } from '../../../workflows/case/contract';
import { api, newIdempotencyKey } from './client';
import type { CatalogueItem } from './items';

/** The public portal's calls (办事大厅): none needs a sign-in. Instants are ISO strings. */
type Iso = string;

/** The processing clock of a case as the public sees it (api/public/router.ts). */
export interface PublicClock {
  /** 'live' from the case workflow; 'record' from the last recorded state (no pause ledger). */
  source: 'live' | 'record';
  state: 'not-started' | 'running' | 'paused' | 'stopped';
  pausedFor: PauseReason[];
  startedAt: Iso | null;
  stoppedAt: Iso | null;
  workingDaysUsed: number | null;
  /** Of the promised limit; negative when overdue. */
  workingDaysRemaining: number | null;
  promisedDays: number | null;
  statutoryDays: number | null;
  pauses: { reason: PauseReason; from: Iso; to: Iso | null }[];
  deadline: Iso | null;
  statutoryDeadline: Iso | null;
  provisional: boolean;
}

export interface CaseProgress {
  caseNo: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: CaseStatus;
  outcome: string | null;
  currentSteps: string[];
  submittedAt: Iso;
  acceptedAt: Iso | null;
  promisedBy: Iso | null;
  concludedAt: Iso | null;
  clock: PublicClock;
}

export function caseProgress(caseNo: string, queryCode: string): Promise<CaseProgress> {
  return api<CaseProgress>(`/public/cases/${encodeURIComponent(caseNo)}`, { query: { queryCode } });
}

/** A catalogue entry (办事指南) with its fee and steps. */
export interface GuideItem extends CatalogueItem {
  fee: { standard: number; basis?: string };
  steps: { nodeId: string; name: string; stage: string; stepLimitDays?: number }[];
}

export interface CatalogueFilter {
  q?: string;
  department?: string;
  category?: string;
}

export function listGuide(filter: CatalogueFilter = {}): Promise<GuideItem[]> {
  return api<GuideItem[]>('/items', { query: { q: filter.q?.trim(), department: filter.department, category: filter.category } });
}

export function readGuide(itemCode: string): Promise<GuideItem> {
  return api<GuideItem>(`/items/${encodeURIComponent(itemCode)}`);
}

export interface PublishedRanking {
  evaluationId: string;
  period: { kind: 'month' | 'quarter' | 'year'; key: string; from: string; to: string };
  standard: { code?: string; version?: number; name?: string };
  publishedAt: Iso;
  ranking: { department: string; name?: string; score: number; rank: number; adjusted?: boolean; original?: number }[];
}

/** The published ranking of a period ('2026-03', '2026-Q1', '2026'), or the latest one. */
export function publishedRanking(period?: string): Promise<PublishedRanking> {
  return api<PublishedRanking>('/public/rankings', { query: { period } });
}

export interface ComplaintFiling {
  complainant: { name: string; phone?: string; email?: string };
  content: string;
  about?: { department?: string; caseNo?: string; itemCode?: string };
}

export interface FiledComplaint {
  complaintNo: string;
  queryCode: string;
  filedAt: Iso;
  firstResponseDeadline: Iso;
  handlingDeadline: Iso;
}

export function fileComplaint(filing: ComplaintFiling, idempotencyKey = newIdempotencyKey()): Promise<FiledComplaint> {
  return api<FiledComplaint>('/public/complaints', { method: 'POST', body: filing, idempotencyKey });
}

export type ComplaintStatus = 'registered' | 'transferred' | 'responded' | 'concluded';

export interface ComplaintProgress {
  complaintNo: string;
  status: ComplaintStatus;
  department: string | null;
  filedAt: Iso;
  firstResponseAt: Iso | null;
  handlingDeadline: Iso;
  concludedAt: Iso | null;
  result: string | null;
  finding: string | null;
  rating: number | null;
}

export function complaintProgress(complaintNo: string, queryCode: string): Promise<ComplaintProgress> {
  return api<ComplaintProgress>(`/public/complaints/${encodeURIComponent(complaintNo)}`, { query: { queryCode } });
}

export function rateComplaint(complaintNo: string, rating: { queryCode: string; score: number; comment?: string }, idempotencyKey = newIdempotencyKey()) {
  return api<{ complaintNo: string; status: ComplaintStatus }>(`/public/complaints/${encodeURIComponent(complaintNo)}/rating`, {
    method: 'POST', body: rating, idempotencyKey,
  });
}
