import { itemSchema } from './item';

/**
 * JSON Schema (draft 2020-12) of a process definition: the single source of its
 * validation (Ajv) and of its TypeScript types (see ./types). Graph rules that a
 * schema cannot express are checked by `validateDefinition`.
 */

/** Node and edge ids: short, safe in JSON pointers, URLs and React Flow. */
export const elementIdPattern = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';

const idSchema = { type: 'string', pattern: elementIdPattern } as const;
const nameSchema = { type: 'string', minLength: 1, maxLength: 200 } as const;
const daysSchema = { type: 'integer', minimum: 1, maximum: 3650 } as const;

export const taskStages = ['accept', 'undertake', 'review', 'approve', 'conclude', 'special'] as const;
export const specialProcedureKinds = [
  'expert-review',
  'site-inspection',
  'hearing',
  'testing',
  'quarantine',
  'other',
] as const;
export const riskLevels = ['low', 'medium', 'high'] as const;
export const endOutcomes = ['approved', 'disapproved', 'refused', 'returned', 'voided', 'terminated'] as const;
export const edgeActions = ['complete', 'accept', 'refuse', 'approve', 'reject', 'return', 'void'] as const;
export const nodeKinds = ['start', 'task', 'parallel-split', 'parallel-join', 'choice', 'end'] as const;

/** A node with nothing but its identity, e.g. a start, split, join or choice. */
const plainNode = <K extends string>(kind: K) =>
  ({
    type: 'object',
    properties: { id: idSchema, name: nameSchema, kind: { const: kind } },
    required: ['id', 'name', 'kind'],
    additionalProperties: false,
  }) as const;

export const taskNodeSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    name: nameSchema,
    kind: { const: 'task' },
    stage: { type: 'string', enum: taskStages },
    /** Business role allowed to act on the task, e.g. 'acceptor', 'reviewer'. */
    role: { type: 'string', minLength: 1, maxLength: 64 },
    department: { type: 'string', minLength: 1, maxLength: 64 },
    stepLimitDays: daysSchema,
    /**
     * A special procedure excluded from the processing clock. On a task of stage
     * 'special' it is the task itself; on another task it may be started during it.
     */
    specialProcedure: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: specialProcedureKinds },
        limitDays: daysSchema,
      },
      required: ['kind'],
      additionalProperties: false,
    },
    riskPoint: {
      type: 'object',
      properties: {
        level: { type: 'string', enum: riskLevels },
        requiredDocuments: { type: 'array', items: nameSchema },
      },
      required: ['level', 'requiredDocuments'],
      additionalProperties: false,
    },
  },
  required: ['id', 'name', 'kind', 'stage', 'role', 'department'],
  additionalProperties: false,
} as const;

export const endNodeSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    name: nameSchema,
    kind: { const: 'end' },
    outcome: { type: 'string', enum: endOutcomes },
  },
  required: ['id', 'name', 'kind', 'outcome'],
  additionalProperties: false,
} as const;

export const processNodeSchema = {
  type: 'object',
  discriminator: { propertyName: 'kind' },
  required: ['kind'],
  oneOf: [
    plainNode('start'),
    taskNodeSchema,
    plainNode('parallel-split'),
    plainNode('parallel-join'),
    plainNode('choice'),
    endNodeSchema,
  ],
} as const;

export const processEdgeSchema = {
  type: 'object',
  properties: {
    id: idSchema,
    source: idSchema,
    target: idSchema,
    /** The clerk action on the source task that takes this edge. */
    action: { type: 'string', enum: edgeActions },
    /** A condition on case data, for an edge leaving a choice. */
    condition: { type: 'string', minLength: 1, maxLength: 2000 },
    default: { type: 'boolean' },
  },
  required: ['id', 'source', 'target'],
  additionalProperties: false,
} as const;

export const processDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://sunlight.example/schemas/process-definition.json',
  title: 'Process definition',
  type: 'object',
  properties: {
    schemaVersion: { const: 1 },
    item: itemSchema,
    nodes: { type: 'array', items: processNodeSchema, minItems: 1, maxItems: 2000 },
    edges: { type: 'array', items: processEdgeSchema, maxItems: 4000 },
    layout: {
      type: 'object',
      properties: {
        positions: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: elementIdPattern },
          additionalProperties: {
            type: 'object',
            properties: { x: { type: 'number' }, y: { type: 'number' } },
            required: ['x', 'y'],
            additionalProperties: false,
          },
        },
      },
      required: ['positions'],
      additionalProperties: false,
    },
  },
  required: ['schemaVersion', 'item', 'nodes', 'edges'],
  additionalProperties: false,
} as const;
