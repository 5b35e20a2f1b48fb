const days = { type: 'integer', minimum: 0, maximum: 3650 } as const;
const instant = { type: 'string', format: 'date-time' } as const;

export const limitsSchema = {
  type: 'object',
  properties: {
    promisedDays: days,
    statutoryDays: days,
    redCardGraceDays: days,
    warningHour: { type: 'number', minimum: 0, maximum: 24 },
    supplementNoticeDays: days,
    stepReminderDays: days,
  },
  required: ['promisedDays', 'statutoryDays', 'redCardGraceDays'],
  additionalProperties: false,
} as const;

export const previewBody = {
  type: 'object',
  description: 'Give `itemCode` (its published limits) or `limits`, not both.',
  properties: {
    itemCode: { type: 'string', minLength: 1, maxLength: 64 },
    limits: limitsSchema,
    startAt: { ...instant, description: 'When the processing clock starts (受理)' },
    pauses: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          reason: { type: 'string', enum: ['supplement', 'special-procedure', 'suspension'] },
          from: instant,
          to: instant,
        },
        required: ['reason', 'from'],
        additionalProperties: false,
      },
    },
    now: { ...instant, description: 'The instant the alert level is given for; default now' },
  },
  required: ['startAt'],
  oneOf: [{ required: ['itemCode'] }, { required: ['limits'] }],
  additionalProperties: false,
} as const;

const threshold = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    kind: { type: 'string' },
    at: instant,
    localDate: { type: 'string', description: 'The local day the instant falls on' },
    provisional: { type: 'boolean' },
    due: { type: 'boolean' },
  },
  required: ['key', 'kind', 'at', 'localDate', 'provisional', 'due'],
} as const;

export const previewView = {
  type: 'object',
  properties: {
    limits: limitsSchema,
    startAt: instant,
    deadline: { anyOf: [instant, { type: 'null' }], description: '24:00 local of the last working day of the promised limit' },
    deadlineDate: { type: ['string', 'null'], description: 'The last working day, as printed on the acceptance receipt' },
    statutoryDeadline: { anyOf: [instant, { type: 'null' }] },
    statutoryDeadlineDate: { type: ['string', 'null'] },
    alertLevel: { type: 'string', enum: ['normal', 'warning', 'yellow', 'red'] },
    thresholds: { type: 'array', items: threshold },
    provisional: { type: 'boolean' },
    provisionalYears: { type: 'array', items: { type: 'integer' } },
  },
  required: ['limits', 'startAt', 'deadline', 'deadlineDate', 'statutoryDeadline', 'statutoryDeadlineDate', 'alertLevel', 'thresholds', 'provisional', 'provisionalYears'],
} as const;
