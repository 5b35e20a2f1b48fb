import { itemSchema } from '../../domain/definition/schema/item';

export const itemListQuery = {
  type: 'object',
  properties: {
    department: { type: 'string', maxLength: 64 },
    category: { type: 'string', enum: itemSchema.properties.category.enum },
    q: { type: 'string', maxLength: 100, description: 'Words in the item name' },
  },
  additionalProperties: false,
} as const;

const stepSchema = {
  type: 'object',
  properties: { nodeId: { type: 'string' }, name: { type: 'string' }, stage: { type: 'string' }, stepLimitDays: { type: 'integer' } },
  required: ['nodeId', 'name', 'stage'],
} as const;

/** What the public catalogue shows of an item (办事指南). */
export const catalogueEntry = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    category: { type: 'string' },
    department: { type: 'string' },
    version: { type: 'integer' },
    statutoryDays: { type: 'integer' },
    promisedDays: { type: 'integer' },
    fee: itemSchema.properties.fee,
    conditions: { type: 'array', items: { type: 'string' } },
    materials: { type: 'array', items: itemSchema.properties.catalogue.properties.materials.items },
    formSchema: { type: 'object' },
    steps: { type: 'array', items: stepSchema },
  },
  required: ['code', 'name', 'category', 'department', 'version', 'statutoryDays', 'promisedDays', 'fee', 'conditions', 'materials', 'formSchema', 'steps'],
} as const;

export const catalogue = { type: 'array', items: catalogueEntry } as const;
