import { scoringStandardSchema } from '../../domain/evaluation/schema';

const periodKey = { type: 'string', pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$', description: "'2026-03', '2026-Q1' or '2026'" } as const;
const code = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' } as const;

export const standardBody = scoringStandardSchema;
export const standardParams = { type: 'object', properties: { code }, required: ['code'] } as const;

export const standardView = {
  type: 'object',
  properties: {
    code: { type: 'string' }, version: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, createdBy: { type: 'string' },
    standard: { type: 'object' },
  },
  required: ['code', 'version', 'createdAt', 'createdBy', 'standard'],
} as const;
export const standardList = { type: 'array', items: standardView } as const;

export const evaluationBody = {
  type: 'object',
  properties: {
    period: periodKey,
    standard: {
      type: 'object',
      properties: { code, version: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    publish: { type: 'boolean', default: false, description: 'Publish as soon as it is written' },
    wait: { type: 'boolean', default: false, description: 'Answer when it is written (a closed period only)' },
  },
  required: ['period'],
  additionalProperties: false,
} as const;

export const evaluationStarted = {
  type: 'object',
  properties: {
    workflowId: { type: 'string' },
    evaluationId: { type: 'string' },
    period: { type: 'string' },
    state: { type: 'string', enum: ['running', 'done'] },
    result: { type: 'object' },
  },
  required: ['workflowId', 'evaluationId', 'period', 'state'],
} as const;

export const evaluationParams = { type: 'object', properties: { id: { type: 'string', minLength: 3, maxLength: 100 } }, required: ['id'] } as const;
export const evaluationListQuery = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['draft', 'published'] } },
  additionalProperties: false,
} as const;

const ranked = {
  type: 'object',
  properties: {
    department: { type: 'string' }, name: { type: 'string' }, score: { type: 'number' }, rank: { type: 'integer' },
    adjusted: { type: 'boolean' }, original: { type: 'number' },
  },
  required: ['department', 'score', 'rank'],
} as const;

export const evaluationSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' }, period: { type: 'object' }, standard: { type: 'object' }, status: { type: 'string' },
    evaluatedAt: { type: 'string' }, publishedAt: { type: ['string', 'null'] }, departments: { type: 'integer' },
  },
  required: ['id', 'period', 'standard', 'status', 'evaluatedAt', 'publishedAt', 'departments'],
} as const;
export const evaluationList = { type: 'array', items: evaluationSummary } as const;

export const evaluationView = {
  type: 'object',
  properties: {
    ...evaluationSummary.properties,
    departments: { type: 'array', items: { type: 'object', description: 'Score, indicators with their points, cases with their points, and the inputs read' } },
    ranking: { type: 'array', items: ranked },
    finalRanking: { type: 'array', items: ranked, description: 'The ranking after upheld appeals' },
    adjustments: { type: 'array', items: { type: 'object' } },
  },
  required: ['id', 'period', 'standard', 'status', 'departments', 'ranking', 'finalRanking', 'adjustments'],
} as const;

export const publicRankingQuery = { type: 'object', properties: { period: periodKey }, additionalProperties: false } as const;
export const publicRanking = {
  type: 'object',
  properties: {
    evaluationId: { type: ['string', 'null'] }, period: { type: ['object', 'null'] }, standard: { type: ['object', 'null'] },
    publishedAt: { type: ['string', 'null'] },
    ranking: { type: 'array', items: ranked, description: 'Empty, with the other fields null, while no evaluation of the period is published' },
  },
  required: ['evaluationId', 'period', 'standard', 'publishedAt', 'ranking'],
} as const;

export const appealBody = {
  type: 'object',
  properties: {
    caseNo: { type: 'string', minLength: 1, maxLength: 64 },
    ref: { type: 'string', minLength: 1, maxLength: 200, description: "What is contested: a card's or warning's alert id, an overdue step's alert id, or a late conclusion's fact id; default the case's red card, else its first late fact" },
    reason: { type: 'string', minLength: 1, maxLength: 4000 },
  },
  required: ['caseNo', 'reason'],
  additionalProperties: false,
} as const;
export const appealListQuery = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['open', 'upheld', 'rejected'], default: 'open' } },
  additionalProperties: false,
} as const;
export const appealParams = { type: 'object', properties: { appealId: { type: 'string', minLength: 1, maxLength: 64 } }, required: ['appealId'] } as const;
export const decisionBody = {
  type: 'object',
  properties: {
    decision: { type: 'string', enum: ['upheld', 'rejected'] },
    comment: { type: 'string', minLength: 1, maxLength: 4000 },
  },
  required: ['decision', 'comment'],
  additionalProperties: false,
} as const;
export const appealView = {
  type: 'object',
  properties: {
    appealId: { type: 'string' }, evaluationId: { type: 'string' }, department: { type: 'string' }, caseNo: { type: 'string' },
    ref: { type: 'string' }, reason: { type: 'string' }, status: { type: 'string', enum: ['open', 'upheld', 'rejected'] },
    filedBy: { type: 'string' }, filedAt: { type: 'string' }, decision: { type: ['object', 'null'] },
    adjustment: { type: 'object', description: 'The score change an upheld appeal made' },
    evidence: { type: 'object', description: "The clock's evidence: the case's deadlines, thresholds, alerts and clock events" },
  },
  required: ['appealId', 'evaluationId', 'department', 'caseNo', 'ref', 'reason', 'status', 'filedBy', 'filedAt', 'decision'],
} as const;
