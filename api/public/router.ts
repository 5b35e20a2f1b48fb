import { taskStages } from '../../domain/definition/schema/schema';
import { caseNoSchema } from '../cases/schema';
import { publicLimiter } from '../http/rate-limit';
import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { caseProgress } from './progress';

const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
const daysOrNull = { type: ['integer', 'null'] } as const;
const pauseReason = { type: 'string', enum: ['supplement', 'special-procedure', 'suspension'] } as const;

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

/** The processing clock (办理时限) in working days. */
const clockView = {
  type: 'object',
  properties: {
    source: { type: 'string', enum: ['live', 'record'], description: "'live' from the case workflow; 'record' from the read model when the workflow cannot be asked (no pause ledger; a running clock's remaining days unknown)" },
    state: { type: 'string', enum: ['not-started', 'running', 'paused', 'stopped'], description: 'Not started before acceptance (受理); stopped at the conclusion' },
    pausedFor: { type: 'array', items: pauseReason, description: 'Why the clock stands still now: supplement (补正), special procedure (特别程序), suspension (中止)' },
    startedAt: instantOrNull,
    stoppedAt: instantOrNull,
    workingDaysUsed: daysOrNull,
    workingDaysRemaining: { type: ['integer', 'null'], description: 'Of the promised limit; negative when overdue' },
    promisedDays: daysOrNull,
    statutoryDays: daysOrNull,
    pauses: {
      type: 'array',
      description: 'Every pause of the processing clock; `to` null while it lasts',
      items: {
        type: 'object',
        properties: {
          reason: pauseReason, from: instant, to: instantOrNull,
          reasonCode: { type: ['string', 'null'], description: 'Why, from the fixed list of a suspension or supplement notice (no free text); null when the case does not record it' },
        },
        required: ['reason', 'from', 'to'],
      },
    },
    deadline: { ...instantOrNull, description: 'End of the promised limit (24:00 local); null while a pause leaves it open' },
    statutoryDeadline: { ...instantOrNull, description: 'End of the statutory limit; null while a pause leaves it open' },
    provisional: { type: 'boolean', description: 'Counted over a year whose calendar is not yet published (Monday–Friday)' },
  },
  required: [
    'source', 'state', 'pausedFor', 'startedAt', 'stoppedAt', 'workingDaysUsed', 'workingDaysRemaining', 'promisedDays', 'statutoryDays',
    'pauses', 'deadline', 'statutoryDeadline', 'provisional',
  ],
} as const;

/** A step the case went through: the task, its department's name and when; never who held it. */
const stepView = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    stage: { type: 'string', enum: taskStages },
    departmentName: { type: ['string', 'null'], description: 'Null when the department is not on record' },
    startedAt: instant,
    endedAt: { ...instantOrNull, description: 'Null while the step is open' },
  },
  required: ['name', 'stage', 'departmentName', 'startedAt', 'endedAt'],
} as const;

/** A pause of the case, with its reason from a fixed list. */
const pauseView = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['one-time-notice', 'supplement', 'suspension', 'special-procedure'], description: '一次性告知 before acceptance, 补正 or 中止 after it, or a special procedure (特别程序)' },
    reasonCode: { type: ['string', 'null'], description: "The fixed-list reason (a special procedure's kind); never the clerk's text; null when the case does not record it" },
    from: instant,
    to: { ...instantOrNull, description: 'Null while the pause lasts' },
  },
  required: ['kind', 'reasonCode', 'from', 'to'],
} as const;

/** What the public may know of a case: no applicant, no officials, no form data. */
const progressView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    itemCode: { type: 'string' },
    itemName: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'], description: 'Null when the department is not on record' },
    status: { type: 'string' },
    outcome: { type: ['string', 'null'] },
    currentSteps: { type: 'array', items: { type: 'string' } },
    submittedAt: instant,
    acceptedAt: instantOrNull,
    promisedBy: instantOrNull,
    concludedAt: instantOrNull,
    clock: clockView,
    history: { type: 'array', items: stepView, description: 'Every step so far, in the order they began' },
    pauses: { type: 'array', items: pauseView, description: 'Every pause, in the order they began; empty when the workflow cannot be asked' },
  },
  required: [
    'caseNo', 'itemCode', 'itemName', 'department', 'departmentName', 'status', 'outcome', 'currentSteps', 'submittedAt', 'acceptedAt', 'promisedBy',
    'concludedAt', 'clock', 'history', 'pauses',
  ],
} as const;

export function publicRoutes(ctx: ApiContext): RouteSpec[] {
  const perHour = ctx.settings.publicLookupFailuresPerHour;
  // Only failed look-ups count, so a code cannot be guessed while the applicant may reload freely.
  const limitLookups = publicLimiter(ctx, { name: 'case-lookups', limit: perHour, windowMs: 60 * 60_000, what: 'failed case look-ups', failuresOnly: true });
  return [
    defineRoute({
      method: 'get', path: '/public/cases/:caseNo', operationId: 'caseProgress',
      summary: 'Progress and clock of a case by its number and query code (public; no personal data; failed look-ups rate-limited per address)',
      tags: ['public'], access: 'public', params: progressParams, query: progressQuery,
      responses: {
        200: { description: 'Progress', schema: progressView },
        404: { description: 'No case with this number and query code (one answer for both)' },
        429: { description: 'Too many failed look-ups from this address: see `Retry-After`' },
      },
      handler: async ({ params, query, req, res }) => {
        await limitLookups(req, res);
        return caseProgress(ctx, params.caseNo, query.queryCode);
      },
    }),
  ];
}
