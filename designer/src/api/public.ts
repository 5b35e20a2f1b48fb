import { api, newIdempotencyKey } from './client';
import type { Answer, Body } from './contract';
import type { CatalogueItem } from './items';

/** The public portal's calls (办事大厅): none needs a sign-in. Instants are ISO strings. */
export type CaseProgress = Answer<'caseProgress'>;
/** The processing clock of a case as the public sees it. */
export type PublicClock = CaseProgress['clock'];

export function caseProgress(caseNo: string, queryCode: string): Promise<CaseProgress> {
  return api<CaseProgress>(`/public/cases/${encodeURIComponent(caseNo)}`, { query: { queryCode } });
}

/** A catalogue entry (办事指南) with its fee and steps. */
export type GuideItem = CatalogueItem;

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

/** A published ranking; the period and standard are the evaluation's, which the schema leaves open. */
export type PublishedRanking = Omit<Answer<'publicRanking'>, 'period' | 'standard'> & {
  period: { kind: 'month' | 'quarter' | 'year'; key: string; from: string; to: string };
  standard: { code?: string; version?: number; name?: string };
};

/** The published ranking of a period ('2026-03', '2026-Q1', '2026'), or the latest one; null when none is published. */
export async function publishedRanking(period?: string): Promise<PublishedRanking | null> {
  const answer = await api<Answer<'publicRanking'>>('/public/rankings', { query: { period } });
  // None published (yet, or for that period) is an empty ranking with its other fields null.
  return answer.evaluationId === null || answer.ranking.length === 0 ? null : (answer as PublishedRanking);
}

export type ComplaintFiling = Body<'fileComplaint'>;
export type FiledComplaint = Answer<'fileComplaint', 201>;

export function fileComplaint(filing: ComplaintFiling, idempotencyKey = newIdempotencyKey()): Promise<FiledComplaint> {
  return api<FiledComplaint>('/public/complaints', { method: 'POST', body: filing, idempotencyKey });
}

export type ComplaintProgress = Answer<'complaintStatus'>;
export type ComplaintStatus = ComplaintProgress['status'];

export function complaintProgress(complaintNo: string, queryCode: string): Promise<ComplaintProgress> {
  return api<ComplaintProgress>(`/public/complaints/${encodeURIComponent(complaintNo)}`, { query: { queryCode } });
}

export function rateComplaint(complaintNo: string, rating: { queryCode: string; score: number; comment?: string }, idempotencyKey = newIdempotencyKey()) {
  return api<Answer<'rateComplaint'>>(`/public/complaints/${encodeURIComponent(complaintNo)}/rating`, {
    method: 'POST', body: rating, idempotencyKey,
  });
}
