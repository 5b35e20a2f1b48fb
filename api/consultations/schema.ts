import { CONSULTATION_CHANNELS } from '../../workflows/consultation/contract';
import { oversightTimelineEntry } from '../supervision-orders/schema';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
const LEVELS = ['normal', 'warning', 'yellow', 'red'] as const;
export const consultationNoSchema = { type: 'string', pattern: '^ZX[0-9]{14}$' } as const;
const queryCodeSchema = { type: 'string', pattern: '^[A-Za-z0-9]{4,32}$', description: 'The code given when the question was asked' } as const;
export const itemCodeSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;

export const consultationParams = {
  type: 'object', properties: { consultationNo: consultationNoSchema }, required: ['consultationNo'], additionalProperties: false,
} as const;
export const itemParams = { type: 'object', properties: { itemCode: itemCodeSchema }, required: ['itemCode'], additionalProperties: false } as const;

const askerSchema = {
  type: 'object',
  properties: { name: text(100), phone: { type: 'string', pattern: '^[0-9+() -]{5,32}$' } },
  required: ['name'],
  additionalProperties: false,
} as const;

export const publicAskBody = {
  type: 'object',
  properties: { itemCode: itemCodeSchema, asker: askerSchema, question: text(2000) },
  required: ['itemCode', 'asker', 'question'],
  additionalProperties: false,
} as const;

export const staffRegisterBody = publicAskBody;

export const answerBody = {
  type: 'object', properties: { answer: text(4000) }, required: ['answer'], additionalProperties: false,
} as const;

/** The department may edit the question and answer for the guide (no personal data); by default both as they were. */
export const faqBody = {
  type: 'object', properties: { question: text(2000), answer: text(4000) }, additionalProperties: false,
} as const;

export const statusQuery = {
  type: 'object', properties: { queryCode: queryCodeSchema }, required: ['queryCode'], additionalProperties: false,
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['open', 'answered'] },
    department: { type: 'string', maxLength: 64 },
    itemCode: itemCodeSchema,
    overdue: { type: 'boolean' },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
    cursor: { type: 'string', maxLength: 200 },
  },
  additionalProperties: false,
} as const;

export const askedView = {
  type: 'object',
  properties: { consultationNo: { type: 'string' }, queryCode: { type: 'string' }, askedAt: instant, answerDeadline: instant },
  required: ['consultationNo', 'queryCode', 'askedAt', 'answerDeadline'],
} as const;

export const publicConsultationView = {
  type: 'object',
  properties: {
    consultationNo: { type: 'string' }, itemCode: { type: 'string' }, itemName: { type: 'string' }, department: { type: 'string' },
    departmentName: { type: 'string' }, question: { type: 'string' }, askedAt: instant, answerDeadline: instant,
    status: { type: 'string', enum: ['open', 'answered'] }, answer: { type: ['string', 'null'] }, answeredAt: instantOrNull,
  },
  required: ['consultationNo', 'itemCode', 'itemName', 'department', 'departmentName', 'question', 'askedAt', 'answerDeadline', 'status', 'answer', 'answeredAt'],
} as const;

const summary = {
  type: 'object',
  properties: {
    consultationNo: { type: 'string' }, channel: { type: 'string', enum: CONSULTATION_CHANNELS }, askerName: { type: 'string' },
    itemCode: { type: 'string' }, itemName: { type: 'string' }, department: { type: 'string' }, question: { type: 'string' },
    askedAt: instant, answerDeadline: instant, status: { type: 'string', enum: ['open', 'answered'] }, level: { type: 'string', enum: LEVELS },
    answer: { type: ['string', 'null'] }, answeredAt: instantOrNull, answeredOnTime: { type: ['boolean', 'null'] },
    faqPublishedAt: instantOrNull,
  },
  required: ['consultationNo', 'channel', 'askerName', 'itemCode', 'itemName', 'department', 'question', 'askedAt', 'answerDeadline', 'status',
    'level', 'answer', 'answeredAt', 'answeredOnTime', 'faqPublishedAt'],
} as const;

export const consultationList = {
  type: 'object', properties: { items: { type: 'array', items: summary }, nextCursor: { type: ['string', 'null'] } }, required: ['items', 'nextCursor'],
} as const;

export const consultationDetail = {
  type: 'object',
  properties: { consultation: summary, timeline: { type: 'array', items: oversightTimelineEntry } },
  required: ['consultation', 'timeline'],
} as const;

export const actionResultView = {
  type: 'object',
  properties: { consultationNo: { type: 'string' }, idempotencyKey: { type: 'string' }, status: { type: 'string' }, at: instant, eventSeq: { type: 'integer' } },
  required: ['consultationNo', 'idempotencyKey', 'status', 'at', 'eventSeq'],
} as const;

export const faqView = {
  type: 'object', properties: { consultationNo: { type: 'string' }, question: { type: 'string' }, answer: { type: 'string' }, publishedAt: instant },
  required: ['consultationNo', 'question', 'answer', 'publishedAt'],
} as const;

export const faqList = { type: 'object', properties: { items: { type: 'array', items: faqView } }, required: ['items'] } as const;
