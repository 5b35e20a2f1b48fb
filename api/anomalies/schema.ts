import { DISPOSITION_OUTCOMES, OBJECTION_DECISIONS } from '../../domain/oversight/anomaly';

const instant = { type: 'string', format: 'date-time' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;

export const anomalyParams = {
  type: 'object',
  properties: { anomalyId: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['anomalyId'],
  additionalProperties: false,
} as const;

export const disposeBody = {
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: DISPOSITION_OUTCOMES, description: 'explained (说明), confirmed (with a responsibility finding) or dismissed' },
    text: { ...text(2000), description: 'The explanation, the grounds of the finding or the reason for dismissing' },
    responsibility: {
      type: 'object',
      description: 'Required when confirmed: a person of the department (their user id) or the department itself, and the measure',
      properties: { kind: { type: 'string', enum: ['person', 'department'] }, userId: { type: 'string', minLength: 1, maxLength: 64 }, measure: text(500) },
      required: ['kind', 'measure'],
      additionalProperties: false,
    },
  },
  required: ['outcome', 'text'],
  additionalProperties: false,
} as const;

export const objectionBody = {
  type: 'object',
  properties: { grounds: text(2000) },
  required: ['grounds'],
  additionalProperties: false,
} as const;

export const decisionBody = {
  type: 'object',
  properties: { outcome: { type: 'string', enum: OBJECTION_DECISIONS }, reason: text(2000) },
  required: ['outcome', 'reason'],
  additionalProperties: false,
} as const;

export const anomalyActionResult = {
  type: 'object',
  properties: { anomalyId: { type: 'string' }, idempotencyKey: { type: 'string' }, status: { type: 'string' }, at: instant, eventSeq: { type: 'integer' } },
  required: ['anomalyId', 'idempotencyKey', 'status', 'at', 'eventSeq'],
} as const;

const step = { type: ['object', 'null'], additionalProperties: true } as const;

export const anomalyDetail = {
  type: 'object',
  properties: {
    anomalyId: { type: 'string' }, caseNo: { type: 'string' }, itemCode: { type: 'string' }, department: { type: 'string' },
    departmentName: { type: 'string' }, kind: { type: 'string' }, at: instant, reason: { type: 'string' },
    actorId: { type: ['string', 'null'] }, actorName: { type: ['string', 'null'] }, status: { type: 'string' },
    disposition: step, objection: step, decision: step,
    dispositionDeadline: { type: ['string', 'null'], format: 'date-time' }, objectionClosesAt: { type: ['string', 'null'], format: 'date-time' },
    findingFinal: { type: 'boolean' }, level: { type: 'string' },
    people: { type: 'object', additionalProperties: { type: 'string' }, description: 'The names of the persons the timeline finds responsible, by user id' },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq: { type: 'integer' }, type: { type: 'string' }, at: instant, summary: { type: 'string' }, actorId: { type: ['string', 'null'] },
          actorName: { type: ['string', 'null'] }, payload: { type: 'object', additionalProperties: true },
        },
        required: ['seq', 'type', 'at', 'summary', 'actorId', 'actorName', 'payload'],
      },
    },
  },
  required: ['anomalyId', 'caseNo', 'department', 'departmentName', 'kind', 'at', 'reason', 'status', 'timeline'],
} as const;
