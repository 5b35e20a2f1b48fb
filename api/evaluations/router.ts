import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { logAction } from '../supervision-log/append';
import { actLogged } from '../supervision-log/intents';
import { idempotencyHeader, optionalIdempotencyKeyOf } from '../http/idempotency';
import { appealsByStatus, fileAppeal, listAppeals, loadAppeal, readAppeal } from './appeals';
import { appealRejected, appealUpheld } from './effects';
import { evaluationByPerson, personsQuery, personsView } from './persons';
import {
  appealBody, appealListQuery, appealParams, appealView, decisionBody, evaluationBody, evaluationList, evaluationListQuery, evaluationParams,
  evaluationStarted, evaluationView, publicRanking, publicRankingQuery, standardBody, standardList, standardParams, standardView,
} from './schema';
import {
  createStandardVersion, listEvaluations, listStandards, publicRanking as readPublicRanking, publish, readEvaluation, standardVersions,
  startEvaluation,
} from './service';

const tags = ['evaluation'];
const readers = ['supervisor', 'administrator', 'auditor', 'department-officer'] as const;

export function evaluationRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/scoring-standards', operationId: 'listScoringStandards', summary: 'The latest version of every scoring standard',
      tags, access: readers, responses: { 200: { description: 'Standards', schema: standardList } },
      handler: () => listStandards(ctx),
    }),
    defineRoute({
      method: 'get', path: '/scoring-standards/:code', operationId: 'scoringStandardVersions', summary: 'Every version of a scoring standard',
      tags, access: readers, params: standardParams, responses: { 200: { description: 'Versions, newest first', schema: standardList } },
      handler: ({ params }) => standardVersions(ctx, params.code),
    }),
    defineRoute({
      method: 'post', path: '/scoring-standards', operationId: 'createScoringStandardVersion',
      summary: 'Add the next version of a scoring standard (indicators with weights and named formulas)',
      tags, access: ['administrator', 'supervisor'], body: standardBody, status: 201,
      responses: { 201: { description: 'The new version', schema: standardView } },
      handler: async ({ body, caller, req }) => {
        const created = await createStandardVersion(ctx, body, caller);
        await logAction(ctx, { caller, req }, 'scoring-standard.create', { kind: 'scoring-standard', id: `${created.code}@${created.version}` });
        return created;
      },
    }),
    defineRoute({
      method: 'post', path: '/evaluations', operationId: 'startEvaluation',
      summary: 'Evaluate a period now (the workflow waits for an open period to close)',
      tags, access: ['supervisor', 'administrator'], body: evaluationBody, status: 202,
      responses: { 202: { description: 'Started (state running) or, with wait, written (state done)', schema: evaluationStarted } },
      handler: async ({ body, caller, req }) => {
        const started = await startEvaluation(ctx, body);
        await logAction(ctx, { caller, req }, 'evaluation.start', { kind: 'evaluation', id: started.evaluationId }, { publish: body.publish ?? false });
        return started;
      },
    }),
    defineRoute({
      method: 'get', path: '/evaluations', operationId: 'listEvaluations', summary: 'Evaluations, the latest period first',
      tags, access: readers, query: evaluationListQuery, responses: { 200: { description: 'Evaluations', schema: evaluationList } },
      handler: ({ query }) => listEvaluations(ctx, query.status),
    }),
    defineRoute({
      method: 'get', path: '/evaluations/:id', operationId: 'readEvaluation',
      summary: "An evaluation: each department's score, every indicator's points and each case's contribution",
      tags, access: readers, params: evaluationParams, responses: { 200: { description: 'The evaluation', schema: evaluationView } },
      handler: ({ params, caller }) => readEvaluation(ctx, params.id, caller),
    }),
    defineRoute({
      method: 'get', path: '/evaluations/:id/persons', operationId: 'readEvaluationByPerson',
      summary: "A department's evaluation by person (超时责任倒查): what the lateness each clerk or unclaimed position held cost it",
      tags, access: readers, params: evaluationParams, query: personsQuery,
      responses: { 200: { description: 'Per person, after upheld appeals', schema: personsView } },
      handler: ({ params, query, caller }) => evaluationByPerson(ctx, params.id, caller, query),
    }),
    defineRoute({
      method: 'post', path: '/evaluations/:id/publish', operationId: 'publishEvaluation', summary: 'Publish an evaluation: public and immutable from then on',
      tags, access: ['supervisor'], params: evaluationParams, responses: { 200: { description: 'Published', schema: evaluationView } },
      handler: async ({ params, caller, req }) => {
        const published = await publish(ctx, params.id, caller);
        await logAction(ctx, { caller, req }, 'evaluation.publish', { kind: 'evaluation', id: params.id });
        return published;
      },
    }),
    defineRoute({
      method: 'post', path: '/evaluations/:id/appeals', operationId: 'fileAppeal', summary: 'Appeal (申诉) a card, warning, overdue step or late conclusion counted against your department',
      tags, access: ['department-officer'], params: evaluationParams, body: appealBody, status: 201,
      responses: { 201: { description: 'Filed', schema: appealView } },
      handler: ({ params, body, caller }) => fileAppeal(ctx, params.id, caller, body),
    }),
    defineRoute({
      method: 'get', path: '/evaluations/:id/appeals', operationId: 'listAppeals', summary: 'Appeals against an evaluation',
      tags, access: readers, params: evaluationParams,
      responses: { 200: { description: 'Appeals', schema: { type: 'array', items: appealView } } },
      handler: ({ params, caller }) => listAppeals(ctx, params.id, caller),
    }),
    defineRoute({
      method: 'get', path: '/appeals', operationId: 'appealsByStatus', summary: 'Appeals by status (default open), the oldest first',
      tags, access: readers, query: appealListQuery,
      responses: { 200: { description: 'Appeals', schema: { type: 'array', items: appealView } } },
      handler: ({ query, caller }) => appealsByStatus(ctx, query.status, caller),
    }),
    defineRoute({
      method: 'get', path: '/appeals/:appealId', operationId: 'readAppeal', summary: "An appeal with the clock's evidence (deadlines, thresholds, alerts, clock events)",
      tags, access: readers, params: appealParams, responses: { 200: { description: 'The appeal', schema: appealView } },
      handler: ({ params, caller }) => readAppeal(ctx, params.appealId, caller),
    }),
    defineRoute({
      method: 'post', path: '/appeals/:appealId/decision', operationId: 'decideAppeal',
      summary: "Uphold or reject an appeal; upheld, every effect of the case's lateness is taken back (score, statistics, per-person figures)",
      tags, access: ['supervisor'], params: appealParams, body: decisionBody, headers: [{ ...idempotencyHeader, required: false }],
      responses: { 200: { description: 'Decided (with the score adjustment when upheld); logged with its effect', schema: appealView } },
      handler: async ({ params, body, caller, req }) => {
        await loadAppeal(ctx, params.appealId, caller);
        const key = optionalIdempotencyKeyOf(req);
        const effect = body.decision === 'upheld' ? appealUpheld : appealRejected;
        return actLogged(ctx, { caller, req }, effect, { appealId: params.appealId, comment: body.comment, by: caller.userId }, key);
      },
    }),
    defineRoute({
      method: 'get', path: '/public/rankings', operationId: 'publicRanking', summary: 'The published ranking of departments (public)',
      tags: ['public'], access: 'public', query: publicRankingQuery,
      responses: { 200: { description: 'The ranking after upheld appeals; an empty ranking while none of the period is published', schema: publicRanking } },
      handler: ({ query }) => readPublicRanking(ctx, query.period),
    }),
  ];
}
