const systemIdSchema = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' } as const;

export const systemParams = {
  type: 'object', properties: { systemId: systemIdSchema }, required: ['systemId'], additionalProperties: false,
} as const;

const refusal = {
  type: 'object',
  properties: {
    index: { type: 'integer' }, eventId: { type: ['string', 'null'] }, caseNo: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['rejected', 'failed'] }, code: { type: ['string', 'null'] }, detail: { type: ['string', 'null'] },
  },
  required: ['index', 'eventId', 'caseNo', 'status', 'code', 'detail'],
} as const;

export const pushView = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'integer' }, failed: { type: 'integer' },
    refusals: { type: 'array', items: refusal, description: 'The first 20 rejected or failed events of the push' },
  },
  required: ['at', 'accepted', 'duplicates', 'rejected', 'failed', 'refusals'],
} as const;

export const systemView = {
  type: 'object',
  properties: {
    systemId: { type: 'string' },
    name: { type: 'string' },
    departments: { type: 'array', items: { type: 'string' } },
    active: { type: 'boolean' },
    registeredAt: { type: 'string', format: 'date-time' },
    keyRotatedAt: { type: ['string', 'null'], format: 'date-time' },
    pushes: { type: 'array', items: pushView, description: 'The last ten pushes, newest first' },
  },
  required: ['systemId', 'name', 'departments', 'active', 'registeredAt', 'keyRotatedAt', 'pushes'],
} as const;

export const systemList = { type: 'array', items: systemView } as const;

export const rotatedKey = {
  type: 'object',
  properties: {
    systemId: { type: 'string' },
    apiKey: { type: 'string', description: 'Shown once; the previous key stops working at once' },
  },
  required: ['systemId', 'apiKey'],
} as const;
