import { anomalyWorkflowId } from '../../config/temporal';
import { decideObjectionUpdate, disposeAnomalyUpdate, objectAnomalyUpdate } from '../../workflows/anomaly/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import { idempotencyHeader, idempotencyKeyOf } from '../http/idempotency';
import { defineRoute, type RouteSpec } from '../http/route';
import { oversightEffect, refusalResponses } from '../http/workflow-update';
import { actLogged } from '../supervision-log/intents';
import { anomalyActionResult, anomalyDetail as detailSchema, anomalyParams, decisionBody, disposeBody, objectionBody } from './schema';
import { anomalyDetail, assertResponsiblePerson, ensureDispositionClock, locateAnomaly } from './service';

const tags = ['supervision'];
const READERS = ['administrator', 'supervisor', 'department-officer', 'auditor'] as const;
const CLOSED = { code: 'DISPOSITION_CLOSED', detail: 'The anomaly\'s disposition is closed; nothing more can be done on it.' };
const disposal = oversightEffect('anomaly.dispose', disposeAnomalyUpdate, CLOSED);
const objection = oversightEffect('anomaly.object', objectAnomalyUpdate, CLOSED);
const decision = oversightEffect('anomaly.decide-objection', decideObjectionUpdate, CLOSED);
const resultOf = (r: { at: number }, idempotencyKey: string) => ({ ...r, idempotencyKey, at: new Date(r.at).toISOString() });

/** Disposition (处置) of anomalies: every step is a logged action on the anomaly's own workflow. */
export function anomalyRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/anomalies/:anomalyId', operationId: 'readAnomaly',
      summary: 'An anomaly with its disposition, objection, decision and timeline', tags, access: READERS, params: anomalyParams,
      responses: { 200: { description: 'The anomaly', schema: detailSchema }, 404: { description: 'No such anomaly the caller may see' } },
      handler: ({ params, caller }) => anomalyDetail(ctx, params.anomalyId, caller),
    }),
    defineRoute({
      method: 'post', path: '/anomalies/:anomalyId/disposition', operationId: 'disposeAnomaly',
      summary: 'Dispose of an anomaly: explain it, confirm it with a responsibility finding, or dismiss it', tags, access: ['supervisor'],
      params: anomalyParams, body: disposeBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Disposed (or before with this key)', schema: anomalyActionResult }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        const doc = await locateAnomaly(ctx, params.anomalyId, caller);
        if (body.outcome === 'confirmed' && body.responsibility?.kind === 'person' && body.responsibility.userId !== undefined) {
          await assertResponsiblePerson(ctx, doc, body.responsibility.userId);
        }
        await ensureDispositionClock(ctx, doc);
        const result = await actLogged(ctx, { caller, req }, disposal, {
          workflowId: anomalyWorkflowId(doc._id), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'anomaly', id: doc._id }, details: { outcome: body.outcome, idempotencyKey: key },
        });
        return resultOf(result, key);
      },
    }),
    defineRoute({
      method: 'post', path: '/anomalies/:anomalyId/objection', operationId: 'objectToAnomaly',
      summary: "The department's objection to a finding: once, within the objection limit (working days)", tags, access: ['department-officer'],
      params: anomalyParams, body: objectionBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Objected (or before with this key)', schema: anomalyActionResult }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        const doc = await locateAnomaly(ctx, params.anomalyId, caller);
        await ensureDispositionClock(ctx, doc);
        const result = await actLogged(ctx, { caller, req }, objection, {
          workflowId: anomalyWorkflowId(doc._id), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'anomaly', id: doc._id }, details: { idempotencyKey: key },
        });
        return resultOf(result, key);
      },
    }),
    defineRoute({
      method: 'post', path: '/anomalies/:anomalyId/objection-decision', operationId: 'decideAnomalyObjection',
      summary: "The supervisor's decision on the department's objection: upheld (the finding is withdrawn) or rejected", tags, access: ['supervisor'],
      params: anomalyParams, body: decisionBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Decided (or before with this key)', schema: anomalyActionResult }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        const doc = await locateAnomaly(ctx, params.anomalyId, caller);
        await ensureDispositionClock(ctx, doc);
        const result = await actLogged(ctx, { caller, req }, decision, {
          workflowId: anomalyWorkflowId(doc._id), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'anomaly', id: doc._id }, details: { outcome: body.outcome, idempotencyKey: key },
        });
        return resultOf(result, key);
      },
    }),
  ];
}
