const instant = { type: 'string', format: 'date-time' } as const;
const LEVELS = ['warning', 'yellow', 'red', 'step', 'notice'] as const;

export const inboxQuery = {
  type: 'object',
  properties: {
    unread: { type: 'boolean', description: 'Only messages the caller has not read.' },
    kind: { type: 'string', enum: LEVELS, description: 'The alert level the message is about.' },
    subject: { type: 'string', minLength: 1, maxLength: 120, description: 'The case, supervision order, complaint or consultation number the message is about.' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 400 },
  },
  additionalProperties: false,
} as const;

export const messageParams = {
  type: 'object',
  properties: { messageId: { type: 'string', pattern: '^[A-Za-z0-9._:#@-]{1,400}$' } },
  required: ['messageId'],
  additionalProperties: false,
} as const;

const message = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: LEVELS },
    subject: {
      type: 'object',
      description: 'What the message is about, for a link: a case, a supervision order, a complaint, a consultation or a rating follow-up (its case number).',
      properties: { kind: { type: 'string', enum: ['case', 'supervision-order', 'complaint', 'consultation', 'follow-up'] }, id: { type: 'string' } },
      required: ['kind', 'id'],
    },
    department: { type: ['string', 'null'] },
    title: { type: 'string' },
    body: { type: 'string' },
    createdAt: instant,
    read: { type: 'boolean' },
  },
  required: ['id', 'kind', 'subject', 'department', 'title', 'body', 'createdAt', 'read'],
} as const;

export const inboxPage = {
  type: 'object',
  properties: { items: { type: 'array', items: message }, nextCursor: { type: ['string', 'null'] } },
  required: ['items', 'nextCursor'],
} as const;

export const unreadView = {
  type: 'object',
  properties: {
    unread: { type: 'integer', minimum: 0 },
    latest: { type: ['string', 'null'], description: 'Id of the newest unread message.' },
  },
  required: ['unread', 'latest'],
} as const;

export const readView = {
  type: 'object',
  properties: { marked: { type: 'integer', minimum: 0, description: 'Messages that were unread and are now read.' } },
  required: ['marked'],
} as const;

export const messageView = message;
