import { followUpWorkflowId } from '../../config/temporal';
import { closeFollowUpUpdate } from '../../workflows/follow-up/contract';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import { idempotencyHeader, idempotencyKeyOf } from '../http/idempotency';
import { publicLimiter } from '../http/rate-limit';
import { defineRoute, type RouteSpec } from '../http/route';
import { oversightEffect, refusalResponses } from '../http/workflow-update';
import { actLogged } from '../supervision-log/intents';
import { caseParams, closeBody, closeResult, followUpDetail as detailSchema, followUpList, listQuery, publicRates as ratesSchema, publicRatingView, rateBody, rateResult, ratingQuery } from './schema';
import { followUpDetail, listFollowUps, locateFollowUp, publicRates, publicRating, rateCase } from './service';

const tags = ['ratings'];
const READERS = ['supervisor', 'auditor', 'administrator', 'department-officer'] as const;
const rateLimited = { 429: { description: 'Too many requests from this address: see `Retry-After`' } } as const;
const closing = oversightEffect('follow-up.close', closeFollowUpUpdate, { code: 'ALREADY_CONCLUDED', detail: 'The follow-up is closed.' });

export function ratingRoutes(ctx: ApiContext): RouteSpec[] {
  const limitRating = publicLimiter(ctx, { name: 'public-case-ratings', limit: ctx.settings.complaints.publicPerHour, windowMs: 60 * 60_000, what: 'ratings' });
  const limitLookup = publicLimiter(ctx, {
    name: 'rating-lookups', limit: ctx.settings.publicLookupFailuresPerHour, windowMs: 60 * 60_000, what: 'failed rating look-ups', failuresOnly: true,
  });
  return [
    defineRoute({
      method: 'post', path: '/public/cases/:caseNo/rating', operationId: 'rateCase',
      summary: 'The applicant rates a concluded case once (好差评), with the query code, within the rating period (rate-limited per address)',
      tags: ['public', ...tags], access: 'public', params: caseParams, body: rateBody, status: 201,
      responses: {
        201: { description: 'Rated; a 差评 opens a follow-up', schema: rateResult }, 404: { description: 'No case with this number and code' },
        409: { description: '`NOT_CONCLUDED`, `RATING_CLOSED` or `ALREADY_RATED`' }, ...rateLimited,
      },
      handler: async ({ params, body, req, res }) => {
        await limitRating(req, res);
        return rateCase(ctx, params.caseNo, body);
      },
    }),
    defineRoute({
      method: 'get', path: '/public/cases/:caseNo/rating', operationId: 'caseRating',
      summary: 'Whether the case may be rated, and its rating with the follow-up\'s result (public; failed look-ups rate-limited per address)',
      tags: ['public', ...tags], access: 'public', params: caseParams, query: ratingQuery,
      responses: { 200: { description: 'The rating, if any', schema: publicRatingView }, 404: { description: 'No case with this number and code' }, ...rateLimited },
      handler: async ({ params, query, req, res }) => {
        await limitLookup(req, res);
        return publicRating(ctx, params.caseNo, query.queryCode);
      },
    }),
    defineRoute({
      method: 'get', path: '/public/ratings', operationId: 'publicRates', summary: 'Satisfaction rates (好差评) per department and per item',
      tags: ['public', ...tags], access: 'public',
      responses: { 200: { description: 'Rates, best first', schema: ratesSchema } },
      handler: () => publicRates(ctx),
    }),
    defineRoute({
      method: 'get', path: '/follow-ups', operationId: 'listFollowUps', summary: 'Ratings and their follow-ups the caller may see, newest first',
      tags, access: READERS, query: listQuery,
      responses: { 200: { description: 'A page of ratings', schema: followUpList } },
      handler: ({ query, caller }) => listFollowUps(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/follow-ups/:caseNo', operationId: 'readFollowUp', summary: 'A case\'s rating and follow-up: ladder, result and timeline',
      tags, access: READERS, params: caseParams,
      responses: { 200: { description: 'The rating', schema: detailSchema }, 404: { description: 'No such rating the caller may see' } },
      handler: ({ params, caller }) => followUpDetail(ctx, params.caseNo, caller),
    }),
    defineRoute({
      method: 'post', path: '/follow-ups/:caseNo/close', operationId: 'closeFollowUp',
      summary: 'Close a 差评\'s follow-up with the result the applicant reads (the department\'s officer)', tags, access: ['department-officer'],
      params: caseParams, body: closeBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Closed (or before with this key)', schema: closeResult }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateFollowUp(ctx, params.caseNo, caller);
        const result = await actLogged(ctx, { caller, req }, closing, {
          workflowId: followUpWorkflowId(params.caseNo), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'follow-up', id: params.caseNo }, details: { outcome: body.outcome, idempotencyKey: key },
        });
        return { ...result, idempotencyKey: key, at: new Date(result.at).toISOString() };
      },
    }),
  ];
}
