import { itemCategories } from '../../domain/definition/schema/item';
import { GRANULARITIES } from '../../domain/statistics/periods';
import { ROLLUP_COUNTERS, ROLLUP_SUMS } from '../../domain/statistics/counters';

const localDate = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' } as const;
const code = { type: 'string', minLength: 1, maxLength: 64 } as const;
const dimension = '(department|item|category|period|status)';

export const statisticsQuery = {
  type: 'object',
  properties: {
    from: { ...localDate, description: 'First local day, inclusive' },
    to: { ...localDate, description: 'Last local day, inclusive (at most 3 years after from)' },
    department: code,
    itemCode: code,
    category: { type: 'string', enum: [...itemCategories, '-'] },
    groupBy: { type: 'string', pattern: `^${dimension}(,${dimension}){0,4}$`, default: 'department', description: 'Comma-separated: department, item, category, period, status (status splits each group into one row per status reached)' },
    granularity: { type: 'string', enum: GRANULARITIES, default: 'month', description: 'How `period` groups days' },
    format: { type: 'string', enum: ['json', 'csv', 'xlsx'], default: 'json' },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

const nullableNumber = { type: ['number', 'null'] } as const;

const statisticsRow = {
  type: 'object',
  properties: {
    period: { type: 'string' },
    department: { type: 'string' },
    itemCode: { type: 'string' },
    category: { type: 'string' },
    counts: { type: 'object', description: `Every counter: ${ROLLUP_COUNTERS.join(', ')}`, additionalProperties: { type: 'number' } },
    sums: { type: 'object', description: `Every sum: ${ROLLUP_SUMS.join(', ')}`, additionalProperties: { type: 'number' } },
    derived: {
      type: 'object',
      properties: {
        onTimeRate: nullableNumber, earlyRate: nullableNumber, averageWorkingDays: nullableNumber, timeSavedRate: nullableNumber,
        averageSatisfaction: nullableNumber,
      },
    },
  },
  required: ['counts', 'sums', 'derived'],
} as const;

const statusRow = {
  type: 'object',
  properties: {
    period: { type: 'string' }, department: { type: 'string' }, itemCode: { type: 'string' }, category: { type: 'string' },
    status: { type: 'string' }, cases: { type: 'integer' },
  },
  required: ['status', 'cases'],
} as const;

export const statisticsView = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    groupBy: { type: 'array', items: { type: 'string' } },
    granularity: { type: 'string' },
    rows: { type: 'array', items: { anyOf: [statisticsRow, statusRow] } },
    total: { anyOf: [statisticsRow, { type: 'array', items: statusRow }] },
  },
  required: ['from', 'to', 'groupBy', 'granularity', 'rows', 'total'],
} as const;
