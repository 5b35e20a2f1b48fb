import { randomUUID } from 'node:crypto';
import { complaintWorkflowId } from '../../config/temporal';
import {
  concludeComplaintUpdate, rateComplaintUpdate, respondComplaintUpdate, transferComplaintUpdate,
} from '../../workflows/complaint/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import { createOnce, idempotencyHeader, idempotencyKeyOf, optionalIdempotencyHeader } from '../http/idempotency';
import { hasRole } from '../http/principal';
import { publicLimiter } from '../http/rate-limit';
import { defineRoute, type RouteSpec } from '../http/route';
import { oversightEffect, refusalResponses, runOversightUpdate } from '../http/workflow-update';
import { actLogged } from '../supervision-log/intents';
import { complaintRegistration } from './effects';
import {
  actionResultView, complaintDetail as complaintDetailSchema, complaintList, complaintParams, concludeBody, filedView, listQuery,
  publicFileBody, publicStatusView, rateBody, respondBody, staffRegisterBody, statusQuery, transferBody,
} from './schema';
import { assertDepartment, complaintDetail, fileComplaint, listComplaints, locateComplaint, publicComplaint } from './service';

const tags = ['complaints'];
const READERS = ['supervisor', 'auditor', 'administrator', 'department-officer'] as const;
const CLOSED = { code: 'ALREADY_CONCLUDED', detail: 'The complaint is closed; nothing more can be done on it.' };
const transfer = oversightEffect('complaint.transfer', transferComplaintUpdate, CLOSED);
const response = oversightEffect('complaint.respond', respondComplaintUpdate, CLOSED);
const conclusion = oversightEffect('complaint.conclude', concludeComplaintUpdate, CLOSED);
const RATING_CLOSED = { code: 'RATING_CLOSED', detail: 'The complaint is closed: rated already, or its rating window has passed.' };

/** The result as the caller sees it: their own key, the instant in ISO form. */
const resultOf = (r: { at: number }, idempotencyKey: string) => ({ ...r, idempotencyKey, at: new Date(r.at).toISOString() });
const rateLimited = { 429: { description: 'Too many requests from this address: see `Retry-After`' } } as const;

export function complaintRoutes(ctx: ApiContext): RouteSpec[] {
  const perHour = { limit: ctx.settings.complaints.publicPerHour, windowMs: 60 * 60_000 };
  const limitFiling = publicLimiter(ctx, { name: 'public-complaints', ...perHour });
  const limitRating = publicLimiter(ctx, { name: 'public-ratings', ...perHour, what: 'ratings' });
  // As for case look-ups: only failed status look-ups count, so a query code cannot be guessed.
  const limitStatus = publicLimiter(ctx, { name: 'complaint-lookups', limit: ctx.settings.publicLookupFailuresPerHour, windowMs: 60 * 60_000, what: 'failed complaint look-ups', failuresOnly: true });
  const workflow = complaintWorkflowId;
  return [
    defineRoute({
      method: 'post', path: '/public/complaints', operationId: 'fileComplaint',
      summary: 'File a complaint from the public web form; answers its number and query code (rate-limited per address)',
      tags: ['public', ...tags], access: 'public', body: publicFileBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Filed (or filed before with this key)', schema: filedView }, ...rateLimited },
      handler: async ({ body, req, res }) => {
        await limitFiling(req, res);
        // A public key is only the filer's own: scoped to the address the API sees (and bound to the body).
        return createOnce(ctx, req, `public-complaint:${req.ip ?? 'unknown'}`, (numbers) => fileComplaint(ctx, body, 'web', undefined, numbers));
      },
    }),
    defineRoute({
      method: 'get', path: '/public/complaints/:complaintNo', operationId: 'complaintStatus',
      summary: 'Status of a complaint by its number and query code (public; failed look-ups rate-limited per address)', tags: ['public', ...tags], access: 'public',
      params: complaintParams, query: statusQuery,
      responses: { 200: { description: 'Status', schema: publicStatusView }, 404: { description: 'No complaint with this number and code' }, ...rateLimited },
      handler: async ({ params, query, req, res }) => {
        await limitStatus(req, res);
        return publicComplaint(ctx, params.complaintNo, query.queryCode);
      },
    }),
    defineRoute({
      method: 'post', path: '/public/complaints/:complaintNo/rating', operationId: 'rateComplaint',
      summary: 'The complainant rates the handling, 1–5, with the query code (rate-limited per address)', tags: ['public', ...tags],
      access: 'public', params: complaintParams, body: rateBody, headers: [{ ...idempotencyHeader, required: false }],
      responses: { 200: { description: 'Rated', schema: actionResultView }, 404: { description: 'No complaint with this number and code' }, ...refusalResponses, ...rateLimited },
      handler: async ({ params, body, req, res }) => {
        await limitRating(req, res);
        await publicComplaint(ctx, params.complaintNo, body.queryCode);
        const given = req.get('idempotency-key');
        const key = given === undefined ? randomUUID() : idempotencyKeyOf(given);
        const actor = { userId: `public:${params.complaintNo}`, roles: ['public'], department: null };
        const args = { actor, score: body.score, ...(body.comment !== undefined && { comment: body.comment }) };
        return resultOf(await runOversightUpdate(ctx, workflow(params.complaintNo), rateComplaintUpdate, args, key, RATING_CLOSED), key);
      },
    }),
    defineRoute({
      method: 'post', path: '/complaints', operationId: 'registerComplaint',
      summary: 'Register a complaint on behalf of a caller (phone, SMS or web)', tags, access: ['supervisor', 'clerk'],
      body: staffRegisterBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Registered (or registered before with this key)', schema: filedView } },
      handler: ({ body, caller, req }) => {
        const key = req.get('idempotency-key');
        return createOnce(ctx, req, `complaint:${caller.userId}`, () => actLogged(ctx, { caller, req }, complaintRegistration, { body, user: caller }, key));
      },
    }),
    defineRoute({
      method: 'get', path: '/complaints', operationId: 'listComplaints', summary: 'Complaints the caller may see, newest first, with filters and a cursor',
      tags, access: READERS, query: listQuery,
      responses: { 200: { description: 'A page of complaints', schema: complaintList } },
      handler: ({ query, caller }) => listComplaints(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/complaints/:complaintNo', operationId: 'readComplaint', summary: 'A complaint: content, transfers, responses, conclusion, rating, ladder, timeline',
      tags, access: READERS, params: complaintParams,
      responses: { 200: { description: 'The complaint', schema: complaintDetailSchema }, 404: { description: 'No such complaint the caller may see' } },
      handler: ({ params, caller }) => complaintDetail(ctx, params.complaintNo, caller),
    }),
    defineRoute({
      method: 'post', path: '/complaints/:complaintNo/transfer', operationId: 'transferComplaint', summary: 'Transfer a complaint to a department',
      tags, access: ['supervisor'], params: complaintParams, body: transferBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Transferred (or before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateComplaint(ctx, params.complaintNo, caller);
        await assertDepartment(ctx, body.department);
        const result = await actLogged(ctx, { caller, req }, transfer, {
          workflowId: workflow(params.complaintNo), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'complaint', id: params.complaintNo }, details: { department: body.department, idempotencyKey: key },
        });
        return resultOf(result, key);
      },
    }),
    defineRoute({
      method: 'post', path: '/complaints/:complaintNo/respond', operationId: 'respondToComplaint',
      summary: 'Respond to the complainant (the first response is due within 24 hours)', tags, access: ['supervisor', 'department-officer'],
      params: complaintParams, body: respondBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Responded (or before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateComplaint(ctx, params.complaintNo, caller);
        const result = await actLogged(ctx, { caller, req }, response, {
          workflowId: workflow(params.complaintNo), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'complaint', id: params.complaintNo }, ...(hasRole(caller, 'supervisor') && { details: { idempotencyKey: key } }),
        });
        return resultOf(result, key);
      },
    }),
    defineRoute({
      method: 'post', path: '/complaints/:complaintNo/conclude', operationId: 'concludeComplaint', summary: 'Conclude a complaint with its result and finding',
      tags, access: ['supervisor', 'department-officer'], params: complaintParams, body: concludeBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Concluded (or before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateComplaint(ctx, params.complaintNo, caller);
        const result = await actLogged(ctx, { caller, req }, conclusion, {
          workflowId: workflow(params.complaintNo), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'complaint', id: params.complaintNo }, ...(hasRole(caller, 'supervisor') && { details: { finding: body.finding, idempotencyKey: key } }),
        });
        return resultOf(result, key);
      },
    }),
  ];
}
