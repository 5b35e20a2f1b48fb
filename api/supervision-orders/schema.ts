import { FINDINGS, MEASURES, RESPONSIBILITIES } from '../../workflows/supervision-order/contract';
import { caseNoSchema } from '../cases/schema';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
export const orderIdSchema = { type: 'string', pattern: '^DB[0-9]{14}$' } as const;
const LEVELS = ['normal', 'warning', 'yellow', 'red'] as const;
const STATUSES = ['open', 'answered', 'concluded'] as const;

export const orderParams = {
  type: 'object', properties: { orderId: orderIdSchema }, required: ['orderId'], additionalProperties: false,
} as const;

export const openBody = {
  type: 'object',
  description: 'Name the case, or one of its alerts (then the case is the alert\'s)',
  properties: {
    caseNo: caseNoSchema,
    alertId: text(200),
    title: text(200),
    requirement: text(4000),
    responseDays: { type: 'integer', minimum: 1, maximum: 30, default: 3, description: 'Working days to answer' },
    department: { ...text(64), description: 'The department that must answer; default the case\'s' },
  },
  required: ['title', 'requirement'],
  oneOf: [{ required: ['caseNo'], not: { required: ['alertId'] } }, { required: ['alertId'], not: { required: ['caseNo'] } }],
  additionalProperties: false,
} as const;

export const openedView = {
  type: 'object',
  properties: {
    orderId: { type: 'string' }, caseNo: { type: 'string' }, department: { type: 'string' }, responseDays: { type: 'integer' },
    openedAt: instant, responseDeadline: instant, provisional: { type: 'boolean' },
  },
  required: ['orderId', 'caseNo', 'department', 'responseDays', 'openedAt', 'responseDeadline', 'provisional'],
} as const;

export const answerBody = {
  type: 'object', properties: { answer: text(4000), measuresTaken: text(4000) }, required: ['answer'], additionalProperties: false,
} as const;

export const concludeBody = {
  type: 'object',
  properties: {
    finding: { type: 'string', enum: FINDINGS },
    responsibility: { type: 'string', enum: RESPONSIBILITIES },
    measure: { type: 'string', enum: MEASURES },
    comment: text(4000),
  },
  required: ['finding', 'responsibility', 'measure'],
  additionalProperties: false,
} as const;

export const actionResultView = {
  type: 'object',
  properties: { orderId: { type: 'string' }, idempotencyKey: { type: 'string' }, status: { type: 'string', enum: STATUSES }, at: instant, eventSeq: { type: 'integer' } },
  required: ['orderId', 'idempotencyKey', 'status', 'at', 'eventSeq'],
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: STATUSES },
    department: text(64),
    caseNo: caseNoSchema,
    level: { type: 'string', enum: LEVELS },
    overdue: { type: 'boolean', description: 'Unanswered past the response deadline' },
    openedFrom: instant,
    openedTo: instant,
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 200, description: '`nextCursor` of the previous page' },
  },
  additionalProperties: false,
} as const;

export const orderSummary = {
  type: 'object',
  properties: {
    orderId: { type: 'string' }, caseNo: { type: 'string' }, alertId: { type: ['string', 'null'] }, itemCode: { type: 'string' },
    department: { type: 'string' }, title: { type: 'string' }, status: { type: 'string', enum: STATUSES }, level: { type: 'string', enum: LEVELS },
    openedBy: { type: 'string' }, openedAt: instant, responseDeadline: instant, answeredAt: instantOrNull, answeredOnTime: { type: ['boolean', 'null'] },
    concludedAt: instantOrNull, finding: { anyOf: [{ type: 'string', enum: FINDINGS }, { type: 'null' }] }, provisional: { type: 'boolean' },
  },
  required: ['orderId', 'caseNo', 'department', 'title', 'status', 'level', 'openedAt', 'responseDeadline'],
} as const;

export const orderList = {
  type: 'object',
  properties: { items: { type: 'array', items: orderSummary }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
} as const;

/** One recorded event of an order or a complaint. */
export const oversightTimelineEntry = {
  type: 'object',
  properties: {
    seq: { type: 'integer' }, at: instant, type: { type: 'string' }, summary: { type: 'string' }, actorId: { type: ['string', 'null'] },
    actorName: { type: ['string', 'null'], description: 'The display name of the user who acted, when the actor is a user' },
    payload: { type: 'object', description: "The event's data (finding, channel, the alert or notice…), from which a reader's language renders the line" },
  },
  required: ['seq', 'at', 'type', 'summary', 'actorId'],
} as const;

export const orderDetail = {
  type: 'object',
  properties: {
    order: { anyOf: [orderSummary, { type: 'null' }] },
    live: { type: ['object', 'null'], description: 'The workflow\'s view: requirement, answer, conclusion, alerts, next rung, history' },
    timeline: { type: 'array', items: oversightTimelineEntry },
  },
  required: ['order', 'live', 'timeline'],
} as const;
