export const exportStatusView = {
  type: 'object',
  properties: {
    cursor: { type: 'string', description: 'Everything up to this cursor was acknowledged by the receiver.' },
    batches: { type: 'integer' },
    entries: { type: 'integer' },
    lastBatchId: { type: ['string', 'null'] },
    lastSentAt: { type: ['string', 'null'], format: 'date-time' },
    pending: {
      type: ['object', 'null'],
      description: 'The batch sent and not yet acknowledged (re-sent as is until it is).',
      properties: { batchId: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, count: { type: 'integer' } },
      required: ['batchId', 'from', 'to', 'count'],
    },
  },
  required: ['cursor', 'batches', 'entries', 'lastBatchId', 'lastSentAt', 'pending'],
} as const;

export const feedQuery = {
  type: 'object',
  properties: {
    after: { type: 'string', maxLength: 2000, pattern: '^[A-Za-z0-9_-]*$', default: '', description: 'Cursor of the last entry read; empty or absent: from the start.' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
  },
  additionalProperties: false,
} as const;
