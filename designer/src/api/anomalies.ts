import { api, newIdempotencyKey } from './client';
import type { Answer, Body, Query } from './contract';

/** Anomalies (异常监察, api/anomalies) and their disposition. Instants are ISO strings. */
export type AnomalySummary = Answer<'listAnomalies'>[number];
export type AnomalyDetail = Answer<'readAnomaly'>;
export type AnomalyFilters = Pick<Query<'listAnomalies'>, 'kind' | 'status' | 'department'>;
export type Disposal = Body<'disposeAnomaly'>;
export type Decision = Body<'decideAnomalyObjection'>;

export const ANOMALY_KINDS = [
  'fee-mismatch', 'risk-documents-missing', 'outside-rights', 'refused-at-acceptance', 'returned', 'voided', 'terminated', 'integrity',
] as const satisfies readonly NonNullable<AnomalyFilters['kind']>[];
export const ANOMALY_STATUSES = ['open', 'explained', 'confirmed', 'dismissed', 'objected', 'withdrawn'] as const satisfies readonly NonNullable<AnomalyFilters['status']>[];

export function listAnomalies(filters: AnomalyFilters): Promise<AnomalySummary[]> {
  return api('/anomalies', { query: { ...filters, limit: 200 } });
}

export function readAnomaly(id: string): Promise<AnomalyDetail> {
  return api(`/anomalies/${encodeURIComponent(id)}`);
}

/** The anomaly's disposition, objection and decision; each sent again under its key answers what the first did. */
export function disposeAnomaly(id: string, body: Disposal, idempotencyKey = newIdempotencyKey()) {
  return api(`/anomalies/${encodeURIComponent(id)}/disposition`, { method: 'POST', body, idempotencyKey });
}

export function objectToAnomaly(id: string, grounds: string, idempotencyKey = newIdempotencyKey()) {
  return api(`/anomalies/${encodeURIComponent(id)}/objection`, { method: 'POST', body: { grounds }, idempotencyKey });
}

export function decideObjection(id: string, body: Decision, idempotencyKey = newIdempotencyKey()) {
  return api(`/anomalies/${encodeURIComponent(id)}/objection-decision`, { method: 'POST', body, idempotencyKey });
}
