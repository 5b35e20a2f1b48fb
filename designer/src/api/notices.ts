import { api, newIdempotencyKey } from './client';
import type { Answer, Body } from './contract';

export type Notice = Answer<'listNotices'>[number];
export type NoticeRequest = Body<'issueNotice'>;

export function listNotices(caseNo: string): Promise<Notice[]> {
  return api<Notice[]>(`/cases/${encodeURIComponent(caseNo)}/notices`);
}

/** Issues a numbered notice; the same request sent again under its key (its answer was lost) answers the notice it issued. */
export function issueNotice(caseNo: string, body: NoticeRequest, idempotencyKey = newIdempotencyKey()): Promise<Notice> {
  return api<Notice>(`/cases/${encodeURIComponent(caseNo)}/notices`, { method: 'POST', body, idempotencyKey });
}
