import { api, newIdempotencyKey } from './client';
import type { Answer, Body } from './contract';

export type Notice = Answer<'listNotices'>[number];
export type NoticeRequest = Body<'issueNotice'>;

export function listNotices(caseNo: string): Promise<Notice[]> {
  return api<Notice[]>(`/cases/${encodeURIComponent(caseNo)}/notices`);
}

export function issueNotice(caseNo: string, body: NoticeRequest): Promise<Notice> {
  return api<Notice>(`/cases/${encodeURIComponent(caseNo)}/notices`, { method: 'POST', body, idempotencyKey: newIdempotencyKey() });
}
