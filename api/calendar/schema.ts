import { calendarYearSchema, localAdjustmentSchema } from '../../domain/calendar/schema';

const localDate = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' } as const;

export const calendarQuery = {
  type: 'object',
  properties: {
    from: { type: 'integer', minimum: 1900, maximum: 9999, description: 'First year to include' },
    to: { type: 'integer', minimum: 1900, maximum: 9999, description: 'Last year to include' },
  },
  additionalProperties: false,
} as const;

export const yearParams = {
  type: 'object',
  properties: { year: { type: 'integer', minimum: 1900, maximum: 9999 } },
  required: ['year'],
  additionalProperties: false,
} as const;

export const dateParams = {
  type: 'object',
  properties: { date: localDate },
  required: ['date'],
  additionalProperties: false,
} as const;

export const yearBody = calendarYearSchema;

export const icalBody = {
  type: 'object',
  properties: {
    ics: { type: 'string', minLength: 1, maxLength: 1_000_000, description: 'An iCalendar (RFC 5545) file' },
    source: { type: 'string', minLength: 1, maxLength: 500 },
    published: { type: 'boolean', default: true },
  },
  required: ['ics', 'source'],
  additionalProperties: false,
} as const;

export const adjustmentBody = {
  type: 'object',
  properties: {
    working: localAdjustmentSchema.properties.working,
    reason: localAdjustmentSchema.properties.reason,
    source: localAdjustmentSchema.properties.source,
  },
  required: ['working', 'reason', 'source'],
  additionalProperties: false,
} as const;

export const calendarView = {
  type: 'object',
  properties: {
    timeZone: { type: 'string' },
    utcOffsetMinutes: { type: 'integer' },
    years: { type: 'array', items: calendarYearSchema },
    adjustments: { type: 'array', items: localAdjustmentSchema },
  },
  required: ['timeZone', 'utcOffsetMinutes', 'years', 'adjustments'],
} as const;

export const publicationView = {
  type: 'object',
  properties: {
    changed: { type: 'string', description: 'The year or date published' },
    runningCases: { type: 'integer', description: 'Running cases told to recompute their deadlines' },
    signalled: { type: 'integer' },
    failed: { type: 'integer' },
  },
  required: ['changed', 'runningCases', 'signalled', 'failed'],
} as const;
