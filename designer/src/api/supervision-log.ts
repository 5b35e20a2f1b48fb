import { api, apiErrorOf, fetchApi } from './client';
import { sessionStore } from '../auth/session';
import type { Answer, Query } from './contract';

/** The supervision log (监察日志, api/supervision-log): the hash chain of every supervisor and administrator action. */
export type LogRecord = Answer<'listSupervisionLog'>['records'][number];
export type LogCheck = Answer<'verifySupervisionLog'>;
export type ChainProblemCode = LogCheck['problems'][number]['code'];
export type LogFilters = Pick<Query<'listSupervisionLog'>, 'action' | 'actorName' | 'targetKind' | 'targetId' | 'fromSeq' | 'toSeq'>;

/** The actions the API logs, in the order the filter offers them, and the kinds of their targets: the API's own lists. */
export { SUPERVISION_LOG_ACTIONS as LOG_ACTIONS, LOG_TARGET_KINDS as TARGET_KINDS } from '../../../domain/records/supervision-log';

/** Newest first; `beforeSeq` pages back. */
export function listLog(filters: LogFilters, beforeSeq?: number, limit = 50): Promise<Answer<'listSupervisionLog'>> {
  return api('/supervision-log', { query: { ...filters, beforeSeq, limit } });
}

export function verifyLog(): Promise<LogCheck> {
  return api('/supervision-log/verify');
}

/** The export is an authenticated NDJSON download, so it is fetched with the token and saved from a blob. */
export async function downloadLogExport(range: { fromSeq?: number; toSeq?: number }): Promise<void> {
  const params = new URLSearchParams();
  if (range.fromSeq !== undefined) params.set('fromSeq', String(range.fromSeq));
  if (range.toSeq !== undefined) params.set('toSeq', String(range.toSeq));
  const query = params.toString();
  const response = await fetchApi(`/api/v1/supervision-log/export${query === '' ? '' : `?${query}`}`, {
    headers: { Authorization: `Bearer ${sessionStore.getState().token ?? ''}`, Accept: 'application/x-ndjson' },
  });
  if (!response.ok) throw await apiErrorOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'supervision-log.ndjson';
  link.click();
  URL.revokeObjectURL(url);
}
