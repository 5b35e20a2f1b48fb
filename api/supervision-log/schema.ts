import { PROBLEM_CODES } from './problem-codes';

const seq = { type: 'integer', minimum: 0 } as const;
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const word = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const logQuery = {
  type: 'object',
  properties: {
    afterSeq: { ...seq, description: 'Records after this one, oldest first (for reading forward); default: newest first.' },
    beforeSeq: { ...seq, description: 'Records before this one (paging back through newest-first answers).' },
    fromSeq: { ...seq, description: 'Records from this sequence number on (inclusive).' },
    toSeq: { ...seq, description: 'Records up to this sequence number (inclusive).' },
    action: word, actorId: word, actorName: { ...word, description: 'The acting user\'s username.' }, targetKind: word, targetId: word,
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  additionalProperties: false,
} as const;

const actor = {
  type: 'object',
  properties: { userId: { type: 'string' }, username: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
  required: ['userId', 'username', 'roles'],
} as const;

export const logList = {
  type: 'object',
  properties: {
    records: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq, prevHash: hash, hash, at: { type: 'string', format: 'date-time' }, actor, action: { type: 'string' },
          target: { type: 'object', properties: { kind: { type: 'string' }, id: { type: 'string' } }, required: ['kind', 'id'] },
          requestId: { type: ['string', 'null'] }, details: { type: 'object' },
          content: { type: 'string', description: 'The RFC 8785 canonical JSON that `hash` covers.' },
        },
        required: ['seq', 'prevHash', 'hash', 'at', 'actor', 'action', 'target', 'requestId', 'details', 'content'],
      },
    },
  },
  required: ['records'],
} as const;

export const verifyView = {
  type: 'object',
  properties: {
    valid: { type: 'boolean' },
    count: { type: 'integer' },
    head: { type: ['object', 'null'], properties: { seq, hash }, required: ['seq', 'hash'] },
    algorithms: { type: 'array', items: { type: 'string', enum: ['sha256', 'sm3'] } },
    problems: {
      type: 'array',
      description: 'Where the chain breaks (at most 100), in sequence order.',
      items: {
        type: 'object',
        properties: {
          seq: { type: ['integer', 'null'] }, line: { type: 'integer' },
          code: { type: 'string', enum: PROBLEM_CODES },
          problem: { type: 'string', description: 'The problem in English; `code` names it for readers of other languages.' },
        },
        required: ['seq', 'code', 'problem'],
      },
    },
    checkedAt: { type: 'string', format: 'date-time' },
  },
  required: ['valid', 'count', 'head', 'algorithms', 'problems', 'checkedAt'],
} as const;

export const verifyQuery = {
  type: 'object',
  properties: {
    anchorSeq: { type: 'integer', minimum: 1, description: 'With anchorHash: a record whose hash was kept elsewhere (e.g. an export\'s headHash).' },
    anchorHash: hash,
  },
  dependentRequired: { anchorSeq: ['anchorHash'], anchorHash: ['anchorSeq'] },
  additionalProperties: false,
} as const;

export const exportQuery = {
  type: 'object',
  properties: { fromSeq: { type: 'integer', minimum: 1 }, toSeq: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
} as const;
