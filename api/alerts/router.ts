import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { actLogged } from '../supervision-log/intents';
import { alertAcknowledgement } from './effects';
import { acknowledgeBody, alertList, bulkAcknowledgeBody, bulkAcknowledgeView, alertParams, alertQuery, alertView, anomalyList, anomalyQuery } from './schema';
import { acknowledgeEach, listAlerts, listAnomalies, visibleAlert } from './service';

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
        await visibleAlert(ctx, params.alertId, caller);
        return actLogged(ctx, { caller, req }, alertAcknowledgement, { alertId: params.alertId, note: body.note ?? null, by: caller.username });
      },
    }),
    defineRoute({
      method: 'post', path: '/alerts/acknowledge', operationId: 'acknowledgeAlerts',
      summary: 'Acknowledge several alerts: each one as the single acknowledgement does it (claimed once, logged once), each answered on its own',
      tags, access: ['supervisor', 'department-officer'], body: bulkAcknowledgeBody,
      responses: { 200: { description: 'One result per alert', schema: bulkAcknowledgeView } },
      handler: async ({ body, caller, req }) => ({
        results: await acknowledgeEach(ctx, body.alertIds, async (alertId) => {
          await visibleAlert(ctx, alertId, caller);
          return actLogged(ctx, { caller, req }, alertAcknowledgement, { alertId, note: body.note ?? null, by: caller.username });
        }),
      }),
    }),
    defineRoute({
      method: 'get', path: '/anomalies', operationId: 'listAnomalies', summary: 'Anomalies (异常监察) flagged for supervisors',
      tags, access: ['administrator', 'supervisor', 'department-officer', 'auditor'], query: anomalyQuery,
      responses: { 200: { description: 'Anomalies, newest first', schema: anomalyList } },
      handler: ({ query, caller }) => listAnomalies(ctx, query, caller),
    }),
  ];
}
