import type { ApiContext } from '../context';
import { caseParams } from '../cases/schema';
import { optionalIdempotencyHeader, optionalIdempotencyKeyOf } from '../http/idempotency';
import { defineRoute, type RouteSpec } from '../http/route';
import { actLogged } from '../supervision-log/intents';
import { noticeBody, noticeList, noticeView } from './schema';
import { assertIssuer, listNotices, noticeIssue } from './service';

const tags = ['cases'];

/** Official notices (文书) of a case: issued and numbered by its department, listed for its readers. */
export function noticeRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/cases/:caseNo/notices', operationId: 'issueNotice',
      summary: 'Issue a numbered notice (受理通知书, 补正材料通知书, 不予受理决定书, 办结通知书); logged with its number',
      tags, access: ['clerk', 'administrator'], params: caseParams, body: noticeBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: {
        201: { description: 'Issued (or issued before with this key)', schema: noticeView },
        409: { description: "`notice-not-due`: the case's state does not support the notice" },
      },
      handler: async ({ params, body, caller, req }) => {
        await assertIssuer(ctx, params.caseNo, caller);
        const key = optionalIdempotencyKeyOf(req);
        return actLogged(ctx, { caller, req }, noticeIssue, { ...body, caseNo: params.caseNo, by: { userId: caller.userId, name: caller.name } }, key);
      },
    }),
    defineRoute({
      method: 'get', path: '/cases/:caseNo/notices', operationId: 'listNotices', summary: 'The notices issued on a case, oldest first',
      tags, access: ['administrator', 'clerk', 'supervisor', 'department-officer', 'auditor'], params: caseParams,
      responses: { 200: { description: 'Notices', schema: noticeList } },
      handler: ({ params, caller }) => listNotices(ctx, params.caseNo, caller),
    }),
  ];
}
