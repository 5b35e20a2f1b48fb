import type { AlertLevel, ThresholdKind } from '../../../domain/schedule-types';
import { api } from './client';

/** One raised alert of the ladder (warning, yellow, red) or a step notice, across cases. */
export interface AlertItem {
  id: string;
  caseNo: string;
  itemName?: string;
  department?: string;
  kind: ThresholdKind;
  level: AlertLevel | 'step' | 'notice';
  at: number | string;
  acknowledged: boolean;
  acknowledgedBy?: string;
}

export async function listAlerts(query: { since?: string; acknowledged?: boolean } = {}): Promise<AlertItem[]> {
  const answer = await api<{ alerts: AlertItem[] } | AlertItem[]>('/alerts', { query });
  return Array.isArray(answer) ? answer : answer.alerts;
}

export function acknowledgeAlert(id: string): Promise<unknown> {
  return api(`/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body: {} });
}
