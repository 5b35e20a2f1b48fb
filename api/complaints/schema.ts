import { COMPLAINT_CHANNELS, COMPLAINT_FINDINGS } from '../../workflows/complaint/contract';
import { oversightTimelineEntry } from '../supervision-orders/schema';
import { caseNoSchema } from '../cases/schema';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const instant = { type: 'string', format: 'date-time' } as const;
const instantOrNull = { anyOf: [instant, { type: 'null' }] } as const;
const STATUSES = ['registered', 'transferred', 'responded', 'concluded'] as const;
const LEVELS = ['normal', 'warning', 'yellow', 'red'] as const;
export const complaintNoSchema = { type: 'string', pattern: '^TS[0-9]{14}$' } as const;
const queryCodeSchema = { type: 'string', pattern: '^[A-Za-z0-9]{4,32}$', description: 'The code given when the complaint was filed' } as const;

export const complaintParams = {
  type: 'object', properties: { complaintNo: complaintNoSchema }, required: ['complaintNo'], additionalProperties: false,
} as const;

const complainantSchema = {
  type: 'object',
  properties: {
    name: text(100),
    phone: { type: 'string', pattern: '^[0-9+() -]{5,32}$' },
    email: { type: 'string', format: 'email', maxLength: 200 },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

const aboutSchema = {
  type: 'object',
  description: 'What the complaint names, as far as the complainant knows',
  properties: { department: text(64), caseNo: caseNoSchema, itemCode: text(64) },
  additionalProperties: false,
} as const;

export const publicFileBody = {
  type: 'object',
  properties: { complainant: complainantSchema, content: text(4000), about: aboutSchema },
  required: ['complainant', 'content'],
  additionalProperties: false,
} as const;

export const staffRegisterBody = {
  type: 'object',
  properties: { channel: { type: 'string', enum: COMPLAINT_CHANNELS }, complainant: complainantSchema, content: text(4000), about: aboutSchema },
  required: ['channel', 'complainant', 'content'],
  additionalProperties: false,
} as const;

export const filedView = {
  type: 'object',
  properties: {
    complaintNo: { type: 'string' },
    queryCode: { type: 'string', description: 'With the number it opens the public status page and the rating form' },
    filedAt: instant, firstResponseDeadline: instant, handlingDeadline: instant,
  },
  required: ['complaintNo', 'queryCode', 'filedAt', 'firstResponseDeadline', 'handlingDeadline'],
} as const;

export const transferBody = {
  type: 'object', properties: { department: text(64), note: text(2000) }, required: ['department'], additionalProperties: false,
} as const;
export const respondBody = { type: 'object', properties: { message: text(4000) }, required: ['message'], additionalProperties: false } as const;
export const concludeBody = {
  type: 'object',
  properties: { result: text(4000), finding: { type: 'string', enum: COMPLAINT_FINDINGS } },
  required: ['result', 'finding'],
  additionalProperties: false,
} as const;
export const rateBody = {
  type: 'object',
  properties: { queryCode: queryCodeSchema, score: { type: 'integer', minimum: 1, maximum: 5 }, comment: text(2000) },
  required: ['queryCode', 'score'],
  additionalProperties: false,
} as const;
export const statusQuery = { type: 'object', properties: { queryCode: queryCodeSchema }, required: ['queryCode'], additionalProperties: false } as const;

export const actionResultView = {
  type: 'object',
  properties: { complaintNo: { type: 'string' }, idempotencyKey: { type: 'string' }, status: { type: 'string', enum: STATUSES }, at: instant, eventSeq: { type: 'integer' } },
  required: ['complaintNo', 'idempotencyKey', 'status', 'at', 'eventSeq'],
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: STATUSES },
    department: text(64),
    channel: { type: 'string', enum: COMPLAINT_CHANNELS },
    level: { type: 'string', enum: LEVELS },
    overdue: { type: 'boolean', description: 'Open past the handling deadline, or concluded late' },
    filedFrom: instant,
    filedTo: instant,
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 200, description: '`nextCursor` of the previous page' },
  },
  additionalProperties: false,
} as const;

export const complaintSummary = {
  type: 'object',
  properties: {
    complaintNo: { type: 'string' }, channel: { type: 'string', enum: COMPLAINT_CHANNELS }, complainantName: { type: 'string' },
    department: { type: ['string', 'null'] }, status: { type: 'string', enum: STATUSES }, level: { type: 'string', enum: LEVELS },
    filedAt: instant, firstResponseAt: instantOrNull, firstResponseOnTime: { type: ['boolean', 'null'] }, handlingDeadline: instant,
    concludedAt: instantOrNull, handledOnTime: { type: ['boolean', 'null'] }, finding: { anyOf: [{ type: 'string', enum: COMPLAINT_FINDINGS }, { type: 'null' }] },
    rating: { type: ['integer', 'null'] },
  },
  required: ['complaintNo', 'channel', 'department', 'status', 'level', 'filedAt', 'handlingDeadline'],
} as const;

export const complaintList = {
  type: 'object',
  properties: { items: { type: 'array', items: complaintSummary }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
} as const;

export const complaintDetail = {
  type: 'object',
  properties: {
    complaint: { anyOf: [complaintSummary, { type: 'null' }] },
    live: { type: ['object', 'null'], description: 'The workflow\'s view: content, transfers, responses, conclusion, rating, ladder, history' },
    timeline: { type: 'array', items: oversightTimelineEntry },
  },
  required: ['complaint', 'live', 'timeline'],
} as const;

/** What the public may know of a complaint: its progress, not the officials or the complainant's details. */
export const publicStatusView = {
  type: 'object',
  properties: {
    complaintNo: { type: 'string' }, status: { type: 'string', enum: STATUSES }, department: { type: ['string', 'null'] },
    departmentName: { type: ['string', 'null'], description: 'The name of the department handling it; null before a transfer' },
    filedAt: instant, firstResponseAt: instantOrNull, handlingDeadline: instant, concludedAt: instantOrNull,
    result: { type: ['string', 'null'] }, finding: { type: ['string', 'null'] }, rating: { type: ['integer', 'null'] },
  },
  required: ['complaintNo', 'status', 'department', 'departmentName', 'filedAt', 'firstResponseAt', 'handlingDeadline', 'concludedAt', 'result', 'finding', 'rating'],
} as const;
