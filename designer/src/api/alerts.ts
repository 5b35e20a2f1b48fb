import type { ThresholdKind } from '../../../domain/ladder/types';
import { api } from './client';

/** One raised alert of the ladder (warning, yellow, red) or a step/notice limit, across cases (api/alerts). */
export interface AlertItem {
  alertId: string;
  caseNo: string;
  itemCode?: string;
  department: string;
  key?: string;
  kind: ThresholdKind;
  level: 'warning' | 'yellow' | 'red' | 'step' | 'notice';
  reason?: string;
  thresholdAt?: string;
  raisedAt: string;
  handled: boolean;
  acknowledgedBy?: string | null;
}

export async function listAlerts(query: { handled?: boolean; caseNo?: string } = {}): Promise<AlertItem[]> {
  return (await api<{ items: AlertItem[]; nextCursor: string | null }>('/alerts', { query: { ...query, limit: 50 } })).items;
}

export function acknowledgeAlert(alertId: string, note?: string): Promise<unknown> {
  return api(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: note ? { note } : {} });
}
