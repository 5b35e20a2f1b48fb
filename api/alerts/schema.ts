import { ANOMALY_KINDS } from '../../domain/records/case-view';
const instant = { type: 'string', format: 'date-time' } as const;
const idSchema = { type: 'string', pattern: '^[A-Za-z0-9._:#-]{1,300}$' } as const;

export const alertParams = {
  type: 'object',
  properties: { alertId: idSchema },
  required: ['alertId'],
  additionalProperties: false,
} as const;

export const alertQuery = {
  type: 'object',
  properties: {
    department: { type: 'string', maxLength: 64 },
    caseNo: { type: 'string', maxLength: 120 },
    level: { type: 'string', enum: ['warning', 'yellow', 'red', 'step', 'notice'] },
    kind: {
      type: 'string',
      enum: ['warning', 'yellowCard', 'redCard', 'stepReminder', 'stepOverdue', 'supplementNoticeOverdue', 'specialProcedureOverdue',
        'pauseReminder', 'pauseOverdue', 'pauseFlag'],
    },
    handled: { type: 'boolean' },
    closed: { type: 'boolean', description: 'true: alerts the case closed because their cause ended (never reminded); false: those still open' },
    raisedFrom: instant,
    raisedTo: instant,
    sort: { type: 'string', enum: ['newest', 'oldest'], default: 'newest', description: 'By the instant raised' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 400, description: '`nextCursor` of the previous page (with the same sort)' },
  },
  additionalProperties: false,
} as const;

export const acknowledgeBody = {
  type: 'object',
  properties: { note: { type: 'string', minLength: 1, maxLength: 2000 } },
  additionalProperties: false,
} as const;

export const alertView = {
  type: 'object',
  properties: {
    alertId: { type: 'string' },
    caseNo: { type: 'string' },
    itemCode: { type: 'string' },
    department: { type: 'string' },
    key: { type: 'string' },
    kind: { type: 'string' },
    level: { type: 'string' },
    reason: { type: 'string' },
    thresholdAt: instant,
    raisedAt: instant,
    provisional: { type: 'boolean' },
    handled: { type: 'boolean' },
    closed: { type: 'boolean', description: 'The case closed it: its cause ended (case concluded, step completed, pause ended); reminders skip it' },
    closedAt: { anyOf: [instant, { type: 'null' }] },
    acknowledgedBy: { type: ['string', 'null'] },
    acknowledgedAt: { anyOf: [instant, { type: 'null' }] },
    note: { type: ['string', 'null'] },
  },
  required: ['alertId', 'caseNo', 'department', 'kind', 'level', 'raisedAt', 'handled'],
} as const;

export const bulkAcknowledgeBody = {
  type: 'object',
  properties: {
    alertIds: { type: 'array', items: idSchema, minItems: 1, maxItems: 100, uniqueItems: true },
    note: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  required: ['alertIds'],
  additionalProperties: false,
} as const;

export const bulkAcknowledgeView = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      description: 'One per alert, in the order sent: the alert as acknowledged (by this call or an earlier one), or why it was not',
      items: {
        type: 'object',
        properties: {
          alertId: { type: 'string' },
          ok: { type: 'boolean' },
          alert: alertView,
          status: { type: 'integer', description: 'The HTTP status the single acknowledgement would have answered' },
          code: { type: 'string' },
          detail: { type: 'string' },
        },
        required: ['alertId', 'ok'],
      },
    },
  },
  required: ['results'],
} as const;

export const alertList = {
  type: 'object',
  properties: { items: { type: 'array', items: alertView }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
} as const;

export const anomalyQuery = {
  type: 'object',
  properties: {
    department: { type: 'string', maxLength: 64 },
    caseNo: { type: 'string', maxLength: 120 },
    kind: { type: 'string', enum: ANOMALY_KINDS },
    status: { type: 'string', enum: ['open', 'explained', 'confirmed', 'dismissed', 'objected', 'withdrawn'] },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
  additionalProperties: false,
} as const;

export const anomalyList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      anomalyId: { type: 'string' }, caseNo: { type: 'string' }, itemCode: { type: 'string' }, department: { type: 'string' },
      kind: { type: 'string' }, at: instant, reason: { type: 'string' }, nodeId: { type: ['string', 'null'] }, actorId: { type: ['string', 'null'] },
      departmentName: { type: 'string' }, actorName: { type: ['string', 'null'] }, status: { type: 'string' },
      dispositionDeadline: { type: ['string', 'null'], format: 'date-time' },
    },
    required: ['anomalyId', 'caseNo', 'department', 'kind', 'at', 'reason'],
  },
} as const;
