import type { FromSchema } from 'json-schema-to-ts';

/** 'YYYY-MM-DD'; impossible days such as 02-30 are caught by checkWorkCalendar. */
const localDateSchema = {
  type: 'string',
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
} as const;

/** One year of a work calendar as published by the State Council or an administrator. */
export const calendarYearSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'holidays', 'workdays', 'published', 'source'],
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 9999 },
    holidays: { type: 'array', items: localDateSchema, uniqueItems: true },
    workdays: {
      description: 'adjusted working days (调休): weekend days made working days',
      type: 'array',
      items: localDateSchema,
      uniqueItems: true,
    },
    published: {
      description: 'false for a draft: the year then counts Monday–Friday and results are provisional',
      type: 'boolean',
    },
    source: { description: 'where the data comes from, e.g. the notice number', type: 'string', minLength: 1 },
  },
} as const;

/** A local change to a single day, applied on top of the national years. */
export const localAdjustmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['date', 'working', 'reason', 'source'],
  properties: {
    date: localDateSchema,
    working: { type: 'boolean' },
    reason: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
  },
} as const;

/**
 * The work calendar (JSON Schema draft 2020-12, for Ajv's `Ajv2020`).
 * Zones with daylight saving time are not supported: local days are found with the one
 * fixed `utcOffsetMinutes`, which is right for Asia/Shanghai (+08:00 all year).
 */
export const workCalendarSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sunlight.example/schemas/work-calendar.json',
  title: 'WorkCalendar',
  type: 'object',
  additionalProperties: false,
  required: ['timeZone', 'utcOffsetMinutes', 'years', 'adjustments'],
  properties: {
    timeZone: { description: 'IANA name, informative; e.g. Asia/Shanghai', type: 'string', minLength: 1 },
    utcOffsetMinutes: { type: 'integer', minimum: -840, maximum: 840 },
    years: { type: 'array', items: calendarYearSchema },
    adjustments: { type: 'array', items: localAdjustmentSchema },
  },
} as const;

export type CalendarYear = FromSchema<typeof calendarYearSchema>;
export type LocalAdjustment = FromSchema<typeof localAdjustmentSchema>;
export type WorkCalendar = FromSchema<typeof workCalendarSchema>;
