import { supervisionOrderWorkflowId } from '../../config/temporal';
import { answerOrderUpdate, concludeOrderUpdate } from '../../workflows/supervision-order/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import { createOnce, idempotencyHeader, idempotencyKeyOf, optionalIdempotencyHeader } from '../http/idempotency';
import { defineRoute, type RouteSpec } from '../http/route';
import { oversightEffect, refusalResponses, runOversightUpdate } from '../http/workflow-update';
import { actLogged } from '../supervision-log/intents';
import { actionResultView, answerBody, concludeBody, listQuery, openBody, openedView, orderDetail as orderDetailSchema, orderList, orderParams } from './schema';
import { orderOpening } from './effects';
import { listOrders, locateOrder, orderDetail } from './service';

const tags = ['supervision-orders'];
const READERS = ['supervisor', 'auditor', 'administrator', 'department-officer'] as const;
const CLOSED = { code: 'ALREADY_CONCLUDED', detail: 'The order is concluded; nothing more can be done on it.' };
const orderConclusion = oversightEffect('supervision-order.conclude', concludeOrderUpdate, CLOSED);

/** The result as the caller sees it: their own key, the instant in ISO form. */
const resultOf = (r: { at: number }, idempotencyKey: string) => ({ ...r, idempotencyKey, at: new Date(r.at).toISOString() });

export function supervisionOrderRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/supervision-orders', operationId: 'openSupervisionOrder',
      summary: 'Open a supervision order (督办) on a case or an alert, with a response deadline in working days',
      tags, access: ['supervisor'], body: openBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Opened (or opened before with this key); the case is told', schema: openedView }, 404: { description: 'No such case or alert' } },
      handler: ({ body, caller, req }) => {
        const key = req.get('idempotency-key');
        return createOnce(ctx, req, `supervision-order:${caller.userId}`, () => actLogged(ctx, { caller, req }, orderOpening, { body, user: caller }, key));
      },
    }),
    defineRoute({
      method: 'get', path: '/supervision-orders', operationId: 'listSupervisionOrders',
      summary: 'Supervision orders the caller may see, newest first, with filters and a cursor',
      tags, access: READERS, query: listQuery,
      responses: { 200: { description: 'A page of orders', schema: orderList } },
      handler: ({ query, caller }) => listOrders(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/supervision-orders/:orderId', operationId: 'readSupervisionOrder',
      summary: 'A supervision order: requirement, answer, conclusion, its ladder and timeline',
      tags, access: READERS, params: orderParams,
      responses: { 200: { description: 'The order', schema: orderDetailSchema }, 404: { description: 'No such order the caller may see' } },
      handler: ({ params, caller }) => orderDetail(ctx, params.orderId, caller),
    }),
    defineRoute({
      method: 'post', path: '/supervision-orders/:orderId/answer', operationId: 'answerSupervisionOrder',
      summary: 'The department\'s supervision officer answers the order', tags, access: ['department-officer'],
      params: orderParams, body: answerBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Answered (or answered before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateOrder(ctx, params.orderId, caller);
        return resultOf(await runOversightUpdate(ctx, supervisionOrderWorkflowId(params.orderId), answerOrderUpdate, { ...body, actor: actorOf(caller) }, key, CLOSED), key);
      },
    }),
    defineRoute({
      method: 'post', path: '/supervision-orders/:orderId/conclude', operationId: 'concludeSupervisionOrder',
      summary: 'A supervisor concludes the order: finding, responsibility, measure', tags, access: ['supervisor'],
      params: orderParams, body: concludeBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Concluded (or concluded before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateOrder(ctx, params.orderId, caller);
        const result = await actLogged(ctx, { caller, req }, orderConclusion, {
          workflowId: supervisionOrderWorkflowId(params.orderId), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'supervision-order', id: params.orderId },
          details: { finding: body.finding, responsibility: body.responsibility, measure: body.measure, idempotencyKey: key },
        });
        return resultOf(result, key);
      },
    }),
  ];
}
