import { timingSafeEqual } from 'node:crypto';
import { caseModel } from '../../db/models/case';
import { caseNoSchema } from '../cases/schema';
import type { ApiContext } from '../context';
import { notFound } from '../http/errors';
import { defineRoute, type RouteSpec } from '../http/route';

const instantOrNull = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const;

const progressParams = {
  type: 'object',
  properties: { caseNo: caseNoSchema },
  required: ['caseNo'],
  additionalProperties: false,
} as const;

const progressQuery = {
  type: 'object',
  properties: { queryCode: { type: 'string', pattern: '^[A-Za-z0-9]{4,32}$', description: 'The code on the acceptance receipt' } },
  required: ['queryCode'],
  additionalProperties: false,
} as const;

/** What the public may know of a case: no applicant, no officials, no form data. */
const progressView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    itemName: { type: 'string' },
    department: { type: 'string' },
    status: { type: 'string' },
    outcome: { type: ['string', 'null'] },
    currentSteps: { type: 'array', items: { type: 'string' } },
    submittedAt: { type: 'string', format: 'date-time' },
    acceptedAt: instantOrNull,
    promisedBy: instantOrNull,
    concludedAt: instantOrNull,
  },
  required: ['caseNo', 'itemName', 'department', 'status', 'outcome', 'currentSteps', 'submittedAt', 'acceptedAt', 'promisedBy', 'concludedAt'],
} as const;

function sameCode(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [a, b] = [Buffer.from(given.toUpperCase()), Buffer.from(stored.toUpperCase())];
  return a.length === b.length && timingSafeEqual(a, b);
}

export function publicRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/public/cases/:caseNo', operationId: 'caseProgress',
      summary: 'Progress of a case by its number and query code (public; no personal data)',
      tags: ['public'], access: 'public', params: progressParams, query: progressQuery,
      responses: { 200: { description: 'Progress', schema: progressView } },
      handler: async ({ params, query }) => {
        const doc = await caseModel(ctx.db).findById(params.caseNo).lean();
        // One answer for an unknown case and a wrong code: numbers cannot be probed.
        if (!doc || !sameCode(query.queryCode, doc.queryCode)) throw notFound(`Case ${params.caseNo} with this query code`);
        const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
        return {
          caseNo: doc._id,
          itemName: doc.itemName,
          department: doc.department,
          status: doc.status,
          outcome: doc.outcome ?? null,
          currentSteps: doc.position.flatMap((p) => (p.name ? [p.name] : [])),
          submittedAt: doc.submittedAt.toISOString(),
          acceptedAt: iso(doc.acceptedAt),
          promisedBy: iso(doc.deadline),
          concludedAt: iso(doc.concludedAt),
        };
      },
    }),
  ];
}
