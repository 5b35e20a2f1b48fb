export const feedQuery = {
  type: 'object',
  properties: {
    after: { type: 'string', maxLength: 2000, pattern: '^[A-Za-z0-9_-]*$', default: '', description: 'Cursor of the last entry read; empty or absent: from the start.' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
  },
  additionalProperties: false,
} as const;
