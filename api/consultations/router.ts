import { consultationWorkflowId } from '../../config/temporal';
import type { ApiContext } from '../context';
import { actorOf } from '../http/actor';
import { createOnce, idempotencyHeader, idempotencyKeyOf, optionalIdempotencyHeader } from '../http/idempotency';
import { publicLimiter } from '../http/rate-limit';
import { defineRoute, type RouteSpec } from '../http/route';
import { refusalResponses } from '../http/workflow-update';
import { actLogged } from '../supervision-log/intents';
import { consultationAnswer, faqPublication, phoneQuestion } from './effects';
import {
  actionResultView, answerBody, askedView, consultationDetail as detailSchema, consultationList, consultationParams, faqBody, faqList, faqView,
  itemParams, listQuery, publicAskBody, publicConsultationView, staffRegisterBody, statusQuery,
} from './schema';
import { askQuestion, consultationDetail, itemFaq, listConsultations, locateConsultation, publicConsultation } from './service';

const tags = ['consultations'];
const READERS = ['supervisor', 'auditor', 'administrator', 'department-officer', 'clerk'] as const;
const rateLimited = { 429: { description: 'Too many requests from this address: see `Retry-After`' } } as const;

export function consultationRoutes(ctx: ApiContext): RouteSpec[] {
  const perHour = { limit: ctx.settings.complaints.publicPerHour, windowMs: 60 * 60_000 };
  const limitAsking = publicLimiter(ctx, { name: 'public-consultations', ...perHour, what: 'questions' });
  // As for case look-ups: only failed look-ups count, so a query code cannot be guessed.
  const limitLookup = publicLimiter(ctx, {
    name: 'consultation-lookups', limit: ctx.settings.publicLookupFailuresPerHour, windowMs: 60 * 60_000, what: 'failed consultation look-ups', failuresOnly: true,
  });
  return [
    defineRoute({
      method: 'post', path: '/public/consultations', operationId: 'askQuestion',
      summary: 'Ask a question about an item on the portal; answers its number and query code (rate-limited per address)',
      tags: ['public', ...tags], access: 'public', body: publicAskBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Asked (or asked before with this key)', schema: askedView }, 422: { description: 'No published item with this code' }, ...rateLimited },
      handler: async ({ body, req, res }) => {
        await limitAsking(req, res);
        return createOnce(ctx, req, `public-consultation:${req.ip ?? 'unknown'}`, (numbers) => askQuestion(ctx, body, 'web', undefined, numbers));
      },
    }),
    defineRoute({
      method: 'get', path: '/public/consultations/:consultationNo', operationId: 'consultationAnswer',
      summary: 'A question and its answer by number and query code (public; failed look-ups rate-limited per address)', tags: ['public', ...tags],
      access: 'public', params: consultationParams, query: statusQuery,
      responses: { 200: { description: 'The question and its answer', schema: publicConsultationView }, 404: { description: 'No consultation with this number and code' }, ...rateLimited },
      handler: async ({ params, query, req, res }) => {
        await limitLookup(req, res);
        return publicConsultation(ctx, params.consultationNo, query.queryCode);
      },
    }),
    defineRoute({
      method: 'get', path: '/public/items/:itemCode/faq', operationId: 'itemFaq', summary: 'Questions the department published to the item\'s guide (常见问题)',
      tags: ['public', ...tags], access: 'public', params: itemParams,
      responses: { 200: { description: 'Published questions and answers, newest first', schema: faqList } },
      handler: ({ params }) => itemFaq(ctx, params.itemCode),
    }),
    defineRoute({
      method: 'post', path: '/consultations', operationId: 'registerQuestion', summary: 'Register a caller\'s question (电话咨询), routed to the item\'s department',
      tags, access: ['clerk', 'department-officer', 'supervisor'], body: staffRegisterBody, status: 201, headers: [optionalIdempotencyHeader],
      responses: { 201: { description: 'Registered (or registered before with this key)', schema: askedView }, 422: { description: 'No published item with this code' } },
      handler: ({ body, caller, req }) => {
        const key = req.get('idempotency-key');
        return createOnce(ctx, req, `consultation:${caller.userId}`, () => actLogged(ctx, { caller, req }, phoneQuestion, { body, user: caller }, key));
      },
    }),
    defineRoute({
      method: 'get', path: '/consultations', operationId: 'listConsultations', summary: 'Consultations the caller may see, newest first, with filters and a cursor',
      tags, access: READERS, query: listQuery,
      responses: { 200: { description: 'A page of consultations', schema: consultationList } },
      handler: ({ query, caller }) => listConsultations(ctx, query, caller),
    }),
    defineRoute({
      method: 'get', path: '/consultations/:consultationNo', operationId: 'readConsultation', summary: 'A consultation: question, answer, ladder and timeline',
      tags, access: READERS, params: consultationParams,
      responses: { 200: { description: 'The consultation', schema: detailSchema }, 404: { description: 'No such consultation the caller may see' } },
      handler: ({ params, caller }) => consultationDetail(ctx, params.consultationNo, caller),
    }),
    defineRoute({
      method: 'post', path: '/consultations/:consultationNo/answer', operationId: 'answerConsultation',
      summary: 'Answer a question (a clerk or the officer of the item\'s department)', tags, access: ['clerk', 'department-officer'],
      params: consultationParams, body: answerBody, headers: [idempotencyHeader],
      responses: { 200: { description: 'Answered (or before with this key)', schema: actionResultView }, ...refusalResponses },
      handler: async ({ params, body, caller, req }) => {
        const key = idempotencyKeyOf(req.get('idempotency-key'));
        await locateConsultation(ctx, params.consultationNo, caller);
        const result = await actLogged(ctx, { caller, req }, consultationAnswer, {
          workflowId: consultationWorkflowId(params.consultationNo), args: { ...body, actor: actorOf(caller) }, key,
          target: { kind: 'consultation', id: params.consultationNo }, details: { idempotencyKey: key },
        });
        return { ...result, idempotencyKey: key, at: new Date(result.at).toISOString() };
      },
    }),
    defineRoute({
      method: 'post', path: '/consultations/:consultationNo/faq', operationId: 'publishConsultationFaq',
      summary: 'Publish an answered question to the item\'s guide as a FAQ (the department\'s officer)', tags, access: ['department-officer'],
      params: consultationParams, body: faqBody,
      responses: { 200: { description: 'Published', schema: faqView }, 409: { description: 'Not answered yet (`NOT_ANSWERED`)' } },
      handler: ({ params, body, caller, req }) => actLogged(ctx, { caller, req }, faqPublication, { consultationNo: params.consultationNo, edit: body, user: caller }),
    }),
  ];
}
