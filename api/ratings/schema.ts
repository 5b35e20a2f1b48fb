import { FOLLOW_UP_OUTCOMES, RATING_REASONS, SATISFACTION_LEVELS } from '../../workflows/follow-up/contract';
import { caseNoSchema } from '../cases/schema';
import { oversightTimelineEntry } from '../supervision-orders/schema';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
const queryCodeSchema = { type: 'string', pattern: '^[A-Za-z0-9]{4,32}$', description: 'The code on the acceptance receipt' } as const;
const FOLLOW_UP_STATUSES = ['none', 'open', 'closed'] as const;

export const caseParams = { type: 'object', properties: { caseNo: caseNoSchema }, required: ['caseNo'], additionalProperties: false } as const;

export const rateBody = {
  type: 'object',
  properties: {
    queryCode: queryCodeSchema,
    level: { type: 'string', enum: SATISFACTION_LEVELS, description: '非常满意 … 非常不满意' },
    reasons: { type: 'array', items: { type: 'string', enum: RATING_REASONS }, uniqueItems: true, maxItems: RATING_REASONS.length },
    comment: text(2000),
  },
  required: ['queryCode', 'level'],
  additionalProperties: false,
} as const;

export const ratingQuery = { type: 'object', properties: { queryCode: queryCodeSchema }, required: ['queryCode'], additionalProperties: false } as const;

export const closeBody = {
  type: 'object',
  properties: { outcome: { type: 'string', enum: FOLLOW_UP_OUTCOMES }, result: text(4000) },
  required: ['outcome', 'result'],
  additionalProperties: false,
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: FOLLOW_UP_STATUSES },
    department: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: 'string', maxLength: 200 },
  },
  additionalProperties: false,
} as const;

/** What the applicant sees of their rating and its follow-up; `rating` null while the case may still be rated. */
export const publicRatingView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    canRate: { type: 'boolean', description: 'Concluded, not rated yet, and within the rating period' },
    ratingClosesAt: instantOrNull,
    rating: {
      anyOf: [{ type: 'null' }, {
        type: 'object',
        properties: {
          level: { type: 'string', enum: SATISFACTION_LEVELS }, reasons: { type: 'array', items: { type: 'string' } }, comment: { type: ['string', 'null'] },
          ratedAt: instant, followUp: { type: 'string', enum: FOLLOW_UP_STATUSES }, departmentName: { type: 'string' }, deadline: instantOrNull,
          outcome: { type: ['string', 'null'], enum: [...FOLLOW_UP_OUTCOMES, null] }, result: { type: ['string', 'null'] }, closedAt: instantOrNull,
        },
        required: ['level', 'reasons', 'comment', 'ratedAt', 'followUp', 'departmentName', 'deadline', 'outcome', 'result', 'closedAt'],
      }],
    },
  },
  required: ['caseNo', 'canRate', 'ratingClosesAt', 'rating'],
} as const;

const summary = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' }, itemCode: { type: 'string' }, itemName: { type: 'string' }, department: { type: 'string' },
    level: { type: 'string', enum: SATISFACTION_LEVELS }, reasons: { type: 'array', items: { type: 'string' } }, comment: { type: ['string', 'null'] },
    ratedAt: instant, status: { type: 'string', enum: FOLLOW_UP_STATUSES }, deadline: instantOrNull, alertLevel: { type: 'string' },
    outcome: { type: ['string', 'null'] }, result: { type: ['string', 'null'] }, closedAt: instantOrNull, closedOnTime: { type: ['boolean', 'null'] },
  },
  required: ['caseNo', 'itemCode', 'itemName', 'department', 'level', 'reasons', 'comment', 'ratedAt', 'status', 'deadline', 'alertLevel', 'outcome',
    'result', 'closedAt', 'closedOnTime'],
} as const;

export const followUpList = {
  type: 'object', properties: { items: { type: 'array', items: summary }, nextCursor: { type: ['string', 'null'] } }, required: ['items', 'nextCursor'],
} as const;

export const followUpDetail = {
  type: 'object', properties: { followUp: summary, timeline: { type: 'array', items: oversightTimelineEntry } }, required: ['followUp', 'timeline'],
} as const;

export const rateResult = {
  type: 'object',
  properties: { caseNo: { type: 'string' }, level: { type: 'string' }, followUp: { type: 'string', enum: ['none', 'open'] }, ratedAt: instant },
  required: ['caseNo', 'level', 'followUp', 'ratedAt'],
} as const;

export const closeResult = {
  type: 'object',
  properties: { caseNo: { type: 'string' }, idempotencyKey: { type: 'string' }, status: { type: 'string' }, at: instant, eventSeq: { type: 'integer' } },
  required: ['caseNo', 'idempotencyKey', 'status', 'at', 'eventSeq'],
} as const;

const rateRow = {
  type: 'object',
  properties: {
    department: { type: 'string' }, departmentName: { type: 'string' }, itemCode: { type: ['string', 'null'] }, itemName: { type: ['string', 'null'] },
    count: { type: 'integer' }, satisfied: { type: 'integer', description: '非常满意, 满意 and 基本满意' }, bad: { type: 'integer', description: '差评' },
    satisfiedRate: { type: 'number', description: 'satisfied ÷ count' },
  },
  required: ['department', 'departmentName', 'itemCode', 'itemName', 'count', 'satisfied', 'bad', 'satisfiedRate'],
} as const;

export const publicRates = {
  type: 'object',
  properties: { departments: { type: 'array', items: rateRow }, items: { type: 'array', items: rateRow } },
  required: ['departments', 'items'],
} as const;
