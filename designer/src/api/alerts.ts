import type { ThresholdKind } from '../../../domain/ladder/types';
import { api } from './client';
import type { Answer } from './contract';

type AlertPage = Answer<'listAlerts'>;

/** One raised alert of the ladder (warning, yellow, red) or a step/notice limit, across cases; the schema leaves `kind` and `level` open. */
export type AlertItem = Omit<AlertPage['items'][number], 'kind' | 'level'> & {
  kind: ThresholdKind;
  level: 'warning' | 'yellow' | 'red' | 'step' | 'notice';
};

export async function listAlerts(query: { handled?: boolean; caseNo?: string } = {}): Promise<AlertItem[]> {
  return (await api<Omit<AlertPage, 'items'> & { items: AlertItem[] }>('/alerts', { query: { ...query, limit: 50 } })).items;
}

export function acknowledgeAlert(alertId: string, note?: string): Promise<unknown> {
  return api(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: note ? { note } : {} });
}
