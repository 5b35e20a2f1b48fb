import { sessionStore } from '../auth/session';
import { api, apiErrorOf, fetchApi } from './client';
import type { Answer, Query } from './contract';

/** Each user's inbox (消息中心, api/inbox). */
export type InboxMessage = Answer<'listInbox'>['items'][number];
export type MessageKind = InboxMessage['kind'];
export type InboxFilters = Pick<Query<'listInbox'>, 'unread' | 'kind' | 'subject'>;
export type Unread = Answer<'countUnread'>;

export const MESSAGE_KINDS = ['red', 'yellow', 'warning', 'step', 'notice'] as const satisfies readonly MessageKind[];

export function listInbox(filters: InboxFilters, cursor?: string, limit = 30): Promise<Answer<'listInbox'>> {
  return api('/inbox', { query: { ...filters, unread: filters.unread || undefined, cursor, limit } });
}

export function markRead(id: string): Promise<InboxMessage> {
  return api(`/inbox/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function markAllRead(): Promise<Answer<'markAllInboxRead'>> {
  return api('/inbox/read-all', { method: 'POST' });
}

/**
 * The unread count, or `null` when it is unchanged since `etag` (the API answers 304): the
 * client's generic `api` treats every non-2xx as a problem, so this one reads the answer itself.
 */
export async function fetchUnread(etag: string | null): Promise<{ unread: Unread; etag: string | null } | null> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${sessionStore.getState().token ?? ''}` };
  if (etag !== null) headers['If-None-Match'] = etag;
  const response = await fetchApi('/api/v1/inbox/unread', { headers, cache: 'no-store' });
  if (response.status === 304) return null;
  if (!response.ok) throw await apiErrorOf(response);
  return { unread: (await response.json()) as Unread, etag: response.headers.get('ETag') };
}
