import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { logAction } from '../supervision-log/append';
import { acknowledgeBody, alertList, alertParams, alertQuery, alertView, anomalyList, anomalyQuery } from './schema';
import { acknowledgeAlert, listAlerts, listAnomalies } from './service';

const tags = ['supervision'];
const WATCHERS = ['administrator', 'supervisor', 'department-officer', 'auditor', 'clerk'] as const;

export function alertRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/alerts', operationId: 'listAlerts', summary: 'Alerts (warning, yellow and red cards, step and notice limits) the caller may see',
      tags, access: WATCHERS, query: alertQuery,
      responses: { 200: { description: 'A page of alerts', schema: alertList } },
      handler: ({ query, caller }) => listAlerts(ctx, query, caller),
    }),
    defineRoute({
      method: 'post', path: '/alerts/:alertId/acknowledge', operationId: 'acknowledgeAlert', summary: 'Acknowledge an alert (mark it handled)',
      tags, access: ['supervisor', 'department-officer'], params: alertParams, body: acknowledgeBody,
      responses: { 200: { description: 'The alert', schema: alertView } },
      handler: async ({ params, body, caller, req }) => {
        const { alert, acknowledged } = await acknowledgeAlert(ctx, params.alertId, body.note, caller);
        // Only the acknowledgement is logged: a repeat (a replayed request) changed nothing.
        if (acknowledged) await logAction(ctx, { caller, req }, 'alert.acknowledge', { kind: 'alert', id: params.alertId }, { note: body.note ?? null });
        return alert;
      },
    }),
    defineRoute({
      method: 'get', path: '/anomalies', operationId: 'listAnomalies', summary: 'Anomalies (异常监察) flagged for supervisors',
      tags, access: ['administrator', 'supervisor', 'department-officer', 'auditor'], query: anomalyQuery,
      responses: { 200: { description: 'Anomalies, newest first', schema: anomalyList } },
      handler: ({ query, caller }) => listAnomalies(ctx, query, caller),
    }),
  ];
}
