import { itemSchema } from '../../domain/definition/schema/item';
import { taskStages } from '../../domain/definition/schema/schema';

export const itemListQuery = {
  type: 'object',
  properties: {
    department: { type: 'string', maxLength: 64 },
    category: { type: 'string', enum: itemSchema.properties.category.enum },
    q: { type: 'string', maxLength: 100, description: 'Words in the item name' },
  },
  additionalProperties: false,
} as const;

/** A step of the guide, in the order of the flow. */
const stepSchema = {
  type: 'object',
  properties: {
    nodeId: { type: 'string' }, name: { type: 'string' }, stage: { type: 'string', enum: taskStages },
    departmentName: { type: ['string', 'null'], description: 'The department that handles the step; null when it is not on record' },
    phase: { type: 'integer', minimum: 1, description: 'The stage of the flow, from 1: the steps of parallel branches (并联审批) share one' },
    branch: { type: ['integer', 'null'], minimum: 1, description: 'The parallel branch within its phase, from 1; null outside parallel approval' },
    stepLimitDays: { type: 'integer' },
  },
  required: ['nodeId', 'name', 'stage', 'departmentName', 'phase', 'branch'],
} as const;

/** What the public catalogue shows of an item (办事指南). */
export const catalogueEntry = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    category: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'], description: "The department's name; null when it is not on record" },
    version: { type: 'integer' },
    statutoryDays: { type: 'integer' },
    promisedDays: { type: 'integer' },
    fee: itemSchema.properties.fee,
    conditions: { type: 'array', items: { type: 'string' } },
    materials: { type: 'array', items: itemSchema.properties.catalogue.properties.materials.items },
    formSchema: { type: 'object' },
    steps: { type: 'array', items: stepSchema },
  },
  required: ['code', 'name', 'category', 'department', 'departmentName', 'version', 'statutoryDays', 'promisedDays', 'fee', 'conditions', 'materials', 'formSchema', 'steps'],
} as const;

export const catalogue = { type: 'array', items: catalogueEntry } as const;
