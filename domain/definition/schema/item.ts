/**
 * JSON Schema of an approval item (事项): what the public catalogue shows and what
 * the clocks are measured against. Composed into the process definition schema.
 */

/** Time limits count in working days only; the work calendar decides which days those are. */
const limitSchema = {
  type: 'object',
  properties: {
    value: { type: 'integer', minimum: 1, maximum: 3650 },
    unit: { type: 'string', enum: ['working-day'] },
  },
  required: ['value', 'unit'],
  additionalProperties: false,
} as const;

const codeSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;
const textSchema = { type: 'string', minLength: 1, maxLength: 500 } as const;

export const itemCategories = [
  'administrative-licence',
  'non-licence-approval',
  'public-service',
  'penalty',
  'other',
] as const;

export const materialSchema = {
  type: 'object',
  properties: {
    name: textSchema,
    required: { type: 'boolean' },
    copies: { type: 'integer', minimum: 1, maximum: 100 },
    note: { type: 'string', maxLength: 1000 },
  },
  required: ['name', 'required'],
  additionalProperties: false,
} as const;

export const itemSchema = {
  type: 'object',
  properties: {
    code: codeSchema,
    name: textSchema,
    category: { type: 'string', enum: itemCategories },
    department: codeSchema,
    statutoryLimit: limitSchema,
    promisedLimit: limitSchema,
    /** Working days after the yellow card before the red card is shown. */
    redCardGraceDays: { type: 'integer', minimum: 1, maximum: 365 },
    /** Working days to accept, refuse or issue the one-time supplement notice. */
    supplementNoticeDays: { type: 'integer', minimum: 1, maximum: 365, default: 5 },
    /** 流程锁定: the card that locks clerk actions until a supervisor unlocks; absent: 'red-card'. */
    flowLock: { type: 'string', enum: ['red-card', 'yellow-card', 'never'] },
    /** Limits of the pauses of the clocks (domain/ladder/pause-limits.ts gives the defaults). */
    pauseLimits: {
      type: 'object',
      properties: {
        /** 中止: working days a suspension may last. */
        suspensionDays: { type: 'integer', minimum: 1, maximum: 365 },
        /** 补正 after acceptance: working days the applicant has to supplement. */
        supplementDays: { type: 'integer', minimum: 1, maximum: 365 },
        /** 补正 notices allowed after acceptance. */
        supplementsAfterAcceptance: { type: 'integer', minimum: 0, maximum: 10 },
        /** 一次性告知 before acceptance: working days the applicant has to supplement. */
        oneTimeNoticeDays: { type: 'integer', minimum: 1, maximum: 365 },
        /** The pause's reminder falls at the start of its k-th last working day; 0 for none. */
        reminderDays: { type: 'integer', minimum: 0, maximum: 30 },
        /** A pause longer than this many working days is flagged for the supervision office. */
        flagAfterDays: { type: 'integer', minimum: 1, maximum: 365 },
      },
      additionalProperties: false,
    },
    fee: {
      type: 'object',
      properties: {
        /** Yuan; 0 means the item is free of charge. */
        standard: { type: 'number', minimum: 0 },
        basis: { type: 'string', maxLength: 1000 },
      },
      required: ['standard'],
      additionalProperties: false,
    },
    catalogue: {
      type: 'object',
      properties: {
        conditions: { type: 'array', items: textSchema },
        materials: { type: 'array', items: materialSchema },
        /** A JSON Schema of the application form; conditions on choices refer to its fields. */
        formSchema: { type: 'object' },
      },
      required: ['conditions', 'materials', 'formSchema'],
      additionalProperties: false,
    },
  },
  required: [
    'code',
    'name',
    'category',
    'department',
    'statutoryLimit',
    'promisedLimit',
    'redCardGraceDays',
    'fee',
    'catalogue',
  ],
  additionalProperties: false,
} as const;
