import { edgeActions, specialProcedureKinds } from '../../domain/definition/schema/schema';
import { applicantSchema } from '../cases/schema';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const nodeId = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } as const;

export const EXTERNAL_EVENT_TYPES = [
  'submitted', 'accepted', 'refused', 'supplementNotice', 'supplementReceived', 'stepCompleted',
  'specialProcedureStarted', 'specialProcedureEnded', 'suspended', 'resumed', 'terminated', 'concluded',
] as const;

/** One case event from an external approval system (数据采集标准), validated one by one. */
export const externalEventSchema = {
  type: 'object',
  properties: {
    eventId: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', description: 'Unique per source system' },
    caseNo: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: "The source system's case number" },
    itemCode: text(64),
    sequence: { type: 'integer', minimum: 0, description: "The source's per-case sequence number" },
    type: { type: 'string', enum: EXTERNAL_EVENT_TYPES },
    occurredAt: { type: 'string', format: 'date-time' },
    nodeId,
    action: { type: 'string', enum: edgeActions },
    returnTo: nodeId,
    actor: {
      type: 'object',
      properties: { userId: text(64), name: text(100), department: text(64) },
      required: ['userId'],
      additionalProperties: false,
    },
    feeCharged: { type: 'number', minimum: 0 },
    documents: { type: 'array', items: text(200), maxItems: 50 },
    specialProcedure: {
      type: 'object',
      properties: { key: text(100), kind: { type: 'string', enum: specialProcedureKinds }, limitDays: { type: 'integer', minimum: 1, maximum: 3650 } },
      required: ['kind'],
      additionalProperties: false,
    },
    reason: text(2000),
    materials: { type: 'array', items: text(200), maxItems: 100 },
    applicant: applicantSchema,
    data: { type: 'object', maxProperties: 200 },
  },
  required: ['eventId', 'caseNo', 'itemCode', 'type', 'occurredAt'],
  additionalProperties: false,
} as const;

export const MAX_BATCH = 1000;

export const batchBody = {
  type: 'object',
  properties: {
    events: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_BATCH,
      description: 'Each event is checked against `ExternalCaseEvent` on its own and answered in `results`',
      items: { type: 'object' },
    },
  },
  required: ['events'],
  additionalProperties: false,
} as const;

export const batchResult = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    failed: { type: 'integer' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          eventId: { type: ['string', 'null'] },
          status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected', 'failed'] },
          caseNo: { type: 'string', description: 'The supervised case number (`<systemId>-<source case number>`)' },
          code: { type: 'string' },
          detail: { type: 'string' },
          errors: { type: 'array', items: { type: 'object' } },
        },
        required: ['index', 'eventId', 'status'],
      },
    },
  },
  required: ['accepted', 'duplicates', 'rejected', 'failed', 'results'],
} as const;
