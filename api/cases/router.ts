import { randomUUID } from 'node:crypto';
import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { createOnce, idempotencyHeader, idempotencyKeyOf, optionalIdempotencyHeader, optionalIdempotencyKeyOf } from '../http/idempotency';
import { actLogged } from '../supervision-log/intents';
import { locateCase, prefetchCase, type CaseRecord } from './access';
import { actorOf } from '../http/actor';
import { refusalResponses } from '../http/workflow-update';
import { caseUnlock, caseUrge } from './effects';
import { ACTION_NAMES, runAction, type ActionName } from './actions';
import {
  actionBodies, actionResultView, caseDetail as caseDetailSchema, caseList, caseParams, levelCountsView, levelQuery, listQuery,
  startBody, startedView, unlockBody, unlockedView, urgeBody, urgedView, worklistCountsView, worklistQuery,
} from './schema';
import { levelCounts, listCases, worklistCounts } from './lists';
import { caseDetail, startCase } from './service';

const tags = ['cases'];
const READERS = ['administrator', 'clerk', 'supervisor', 'department-officer', 'auditor'] as const;
function actionRoute(ctx: ApiContext, action: ActionName): RouteSpec {
  return defineRoute({
    method: 'post', path: `/cases/:caseNo/actions/${action}`, operationId: `case-${action}`,
    summary: `Clerk action: ${action}`, tags, access: ['clerk'], params: caseParams, body: actionBodies[action] as object,
    headers: [idempotencyHeader],
    responses: {
      200: { description: 'Done (or done before with this key)', schema: actionResultView },
      409: { description: 'Refused by the case: `code` and `reason` say why' },
      422: { description: 'Refused: invalid arguments or a key reused for another action' },
    },
    prefetch: prefetchCase(ctx),
    handler: ({ params, body, caller, req, prefetched }) =>
      runAction(ctx, params.caseNo, action, body as object, idempotencyKeyOf(req.get('idempotency-key')), caller, prefetched as Promise<CaseRecord | null>),
  });
}

export function caseRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/cases', operationId: 'startCase',
      summary: 'Register an application: answers the case number and the public query code',
      tags, access: ['clerk', 'administrator'], body: startBody, bodyLimit: '256kb', status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Started (or started before with this key)', schema: startedView } },
      handler: ({ body, caller, req }) => createOnce(ctx, req, `case-start:${caller.userId}`, (numbers) => startCase(ctx, body, caller, numbers)),
    }),
    defineRoute({
      method: 'get', path: '/cases', operationId: 'listCases', summary: 'Cases the caller may see, newest first, with filters and a cursor',
      tags, access: READERS, query: listQuery,
      responses: { 200: { description: 'A page of cases', schema: caseList } },
      handler: ({ query, caller }) => listCases(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/worklists', operationId: 'countWorklists', summary: "How many cases each of the caller's worklists holds (待办, 已办, 本部门, 办结)",
      tags, access: READERS, query: worklistQuery,
      responses: { 200: { description: 'The counts', schema: worklistCountsView } },
      handler: ({ query, caller }) => worklistCounts(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/case-levels', operationId: 'countCaseLevels', summary: 'Open cases at each alert level, with the list filters',
      tags, access: READERS, query: levelQuery,
      responses: { 200: { description: 'The counts', schema: levelCountsView } },
      handler: ({ query, caller }) => levelCounts(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/cases/:caseNo', operationId: 'readCase', summary: 'A case: position, clocks, thresholds and its timeline',
      tags, access: READERS, params: caseParams,
      responses: { 200: { description: 'The case', schema: caseDetailSchema } },
      handler: ({ params, caller }) => caseDetail(ctx, params.caseNo, caller),
    }),
    ...ACTION_NAMES.map((action) => actionRoute(ctx, action)),
    defineRoute({
      method: 'post', path: '/cases/:caseNo/urge', operationId: 'urgeCase', summary: 'Urge a case along (催办)',
      tags: ['supervision'], access: ['supervisor', 'department-officer'], params: caseParams, body: urgeBody, status: 202,
      headers: [{ ...idempotencyHeader, required: false }],
      responses: { 202: { description: 'The case was told', schema: urgedView } },
      handler: async ({ params, body, caller, req }) => {
        await locateCase(ctx, params.caseNo, caller);
        const key = optionalIdempotencyKeyOf(req);
        // A replayed key answers the first urge and neither tells the case nor logs again.
        const urgeId = key === undefined ? randomUUID() : `${caller.userId}:${key}`;
        const by = { userId: caller.userId, name: caller.name };
        return actLogged(ctx, { caller, req }, caseUrge, { caseNo: params.caseNo, urgeId, message: body.message, by }, key);
      },
    }),
    defineRoute({
      method: 'post', path: '/cases/:caseNo/unlock', operationId: 'unlockCase', summary: 'Unlock a locked flow (流程锁定), giving the reason',
      tags: ['supervision'], access: ['supervisor'], params: caseParams, body: unlockBody,
      headers: [{ ...idempotencyHeader, required: false }],
      responses: { 200: { description: 'Unlocked (or unlocked before with this key); logged', schema: unlockedView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        await locateCase(ctx, params.caseNo, caller);
        const key = optionalIdempotencyKeyOf(req);
        return actLogged(ctx, { caller, req }, caseUnlock, { caseNo: params.caseNo, reason: body.reason, actor: actorOf(caller) }, key);
      },
    }),
  ];
}
