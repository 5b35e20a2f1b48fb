import type { FromSchema } from 'json-schema-to-ts';
import { ROLLUP_COUNTERS, ROLLUP_SUMS } from '../statistics/counters';

const counter = { type: 'string', enum: ROLLUP_COUNTERS } as const;
const counters = { type: 'array', items: counter, minItems: 1, uniqueItems: true } as const;
const points = { type: 'number', minimum: 0, maximum: 1000 } as const;
const text = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** weight × (rate − floor) / (target − floor), clamped to [0, weight]; `invert` scores 1 − rate. */
const rateFormula = {
  type: 'object',
  properties: {
    kind: { const: 'rate' },
    weight: points,
    numerator: counters,
    denominator: counters,
    target: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 1 },
    floor: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0 },
    invert: { type: 'boolean', default: false },
    /**
     * Nothing to measure (denominator 0): left out of the total, the other rated indicators
     * reweighted to the same total (`exclude`); or, said explicitly, full marks or none.
     */
    whenEmpty: { type: 'string', enum: ['exclude', 'full', 'none'], default: 'exclude' },
    /** The counters whose case facts carry the points lost (e.g. concludedLate), shared equally among them. */
    lossFacts: { anyOf: [counter, counters] },
  },
  required: ['kind', 'weight', 'numerator', 'denominator'],
  additionalProperties: false,
} as const;

/** weight × (sum / count − min) / (max − min), clamped to [0, weight]: e.g. satisfaction on a 1–5 scale. */
const averageFormula = {
  type: 'object',
  properties: {
    kind: { const: 'average' },
    weight: points,
    sum: { type: 'string', enum: ROLLUP_SUMS },
    count: counters,
    scaleMin: { type: 'number', default: 0 },
    scaleMax: { type: 'number' },
    whenEmpty: { type: 'string', enum: ['exclude', 'full', 'none'], default: 'exclude' },
  },
  required: ['kind', 'weight', 'sum', 'count', 'scaleMax'],
  additionalProperties: false,
} as const;

/** −min(cap, count × points): each event costs `points`, at most `cap` in all. */
const deductionFormula = {
  type: 'object',
  properties: {
    kind: { const: 'deduction' },
    counter,
    points: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    cap: points,
  },
  required: ['kind', 'counter', 'points', 'cap'],
  additionalProperties: false,
} as const;

export const indicatorSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-z][A-Za-z0-9-]{0,63}$' },
    name: {
      type: 'object',
      properties: { zh: text, en: text },
      required: ['zh', 'en'],
      additionalProperties: false,
    },
    formula: {
      type: 'object',
      discriminator: { propertyName: 'kind' },
      required: ['kind'],
      oneOf: [rateFormula, averageFormula, deductionFormula],
    },
  },
  required: ['id', 'name', 'formula'],
  additionalProperties: false,
} as const;

/**
 * A scoring standard (绩效评估量化标准): versioned data, never code. A department's score is
 * the sum of its indicators' points, clamped to [0, maxScore].
 */
export const scoringStandardSchema = {
  $id: 'https://sunlight.example/schemas/scoring-standard.json',
  type: 'object',
  properties: {
    code: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    name: text,
    description: { type: 'string', maxLength: 2000 },
    maxScore: { type: 'number', exclusiveMinimum: 0, maximum: 1000, default: 100 },
    indicators: { type: 'array', items: indicatorSchema, minItems: 1, maxItems: 50 },
  },
  required: ['code', 'name', 'indicators'],
  additionalProperties: false,
} as const;

/** As written: defaulted properties may be left out (validation fills them in). */
export type ScoringStandard = FromSchema<typeof scoringStandardSchema, { keepDefaultedPropertiesOptional: true }>;
export type Indicator = FromSchema<typeof indicatorSchema, { keepDefaultedPropertiesOptional: true }>;
export type Formula = Indicator['formula'];
