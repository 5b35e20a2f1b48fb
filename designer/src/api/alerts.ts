import type { ThresholdKind } from '../../../domain/ladder/types';
import { api } from './client';
import type { Answer, Query } from './contract';

type AlertPage = Answer<'listAlerts'>;

/** One raised alert of the ladder (warning, yellow, red) or a step/notice limit, across cases; the schema leaves `kind` and `level` open. */
export type AlertItem = Omit<AlertPage['items'][number], 'kind' | 'level'> & {
  kind: ThresholdKind;
  level: 'warning' | 'yellow' | 'red' | 'step' | 'notice';
};

/** The feed's filters and order, as `GET /alerts` takes them. */
export type AlertFilters = Pick<Query<'listAlerts'>, 'handled' | 'caseNo' | 'department' | 'level' | 'kind' | 'sort'>;

export async function listAlerts(query: AlertFilters = {}): Promise<AlertItem[]> {
  return (await api<Omit<AlertPage, 'items'> & { items: AlertItem[] }>('/alerts', { query: { ...query, limit: 50 } })).items;
}

export type BulkResult = Answer<'acknowledgeAlerts'>['results'][number];

/** Acknowledges each alert on its own (each claimed and logged once); each result says how its alert fared. */
export async function acknowledgeAlerts(alertIds: string[], note?: string): Promise<BulkResult[]> {
  return (await api<Answer<'acknowledgeAlerts'>>('/alerts/acknowledge', { method: 'POST', body: { alertIds, ...(note ? { note } : {}) } })).results;
}

export function acknowledgeAlert(alertId: string, note?: string): Promise<unknown> {
  return api(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: note ? { note } : {} });
}
