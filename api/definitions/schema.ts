import { processDefinitionSchema } from '../../domain/definition/schema/schema';

const itemCode = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;

export const itemCodeParams = {
  type: 'object',
  properties: { itemCode: itemCode },
  required: ['itemCode'],
  additionalProperties: false,
} as const;

export const versionParams = {
  type: 'object',
  properties: { itemCode: itemCode, version: { type: 'integer', minimum: 1 } },
  required: ['itemCode', 'version'],
  additionalProperties: false,
} as const;

/**
 * A draft is edited freely: only its envelope is checked on save. The full schema and the
 * graph rules run on validate and publish, and their findings come back with each save.
 */
export const draftDefinitionSchema = {
  type: 'object',
  description: 'A process definition as authored (see the `Process definition` schema); may be incomplete while a draft.',
  properties: {
    schemaVersion: { const: 1 },
    item: { type: 'object', properties: { code: itemCode }, required: ['code'] },
    nodes: { type: 'array', maxItems: 2000 },
    edges: { type: 'array', maxItems: 4000 },
  },
  required: ['schemaVersion', 'item', 'nodes', 'edges'],
} as const;

export const saveDraftBody = {
  type: 'object',
  properties: {
    definition: draftDefinitionSchema,
    /** The revision the edit is based on; omit to create the draft. A stale one answers 409. */
    revision: { type: 'integer', minimum: 1 },
  },
  required: ['definition'],
  additionalProperties: false,
} as const;

export const validateBody = {
  type: 'object',
  properties: { definition: { type: 'object' } },
  required: ['definition'],
  additionalProperties: false,
} as const;

export const publishBody = {
  type: 'object',
  properties: { revision: { type: 'integer', minimum: 1, description: 'The draft revision being published' } },
  required: ['revision'],
  additionalProperties: false,
} as const;

export const diffQuery = {
  type: 'object',
  properties: {
    from: { type: 'integer', minimum: 1 },
    to: { anyOf: [{ type: 'integer', minimum: 1 }, { const: 'draft' }], description: 'A version number or `draft`' },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

const issueSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning'] },
    nodeId: { type: 'string' },
    edgeId: { type: 'string' },
    path: { type: 'string', description: 'JSON pointer into the definition' },
    message: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } }, required: ['zh', 'en'] },
  },
  required: ['code', 'severity', 'message'],
} as const;

export const validationView = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    errors: { type: 'array', items: issueSchema },
    warnings: { type: 'array', items: issueSchema },
  },
  required: ['ok', 'errors', 'warnings'],
} as const;

export const draftView = {
  type: 'object',
  properties: {
    itemCode: { type: 'string' },
    revision: { type: 'integer' },
    baseVersion: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
    definition: { type: 'object' },
    validation: validationView,
  },
  required: ['itemCode', 'revision', 'baseVersion', 'definition', 'validation'],
} as const;

export const versionMeta = {
  type: 'object',
  properties: {
    itemCode: { type: 'string' },
    version: { type: 'integer' },
    itemName: { type: 'string' },
    category: { type: 'string' },
    department: { type: 'string' },
    publishedAt: { type: 'string', format: 'date-time' },
    publishedBy: { type: 'string' },
  },
  required: ['itemCode', 'version', 'itemName', 'category', 'department', 'publishedAt', 'publishedBy'],
} as const;

export const versionView = {
  type: 'object',
  properties: { ...versionMeta.properties, definition: processDefinitionSchema, validation: validationView },
  required: [...versionMeta.required, 'definition'],
} as const;

export const versionList = { type: 'array', items: versionMeta } as const;

export const definitionSummaryList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      itemCode: { type: 'string' },
      itemName: { type: 'string' },
      latestVersion: { type: ['integer', 'null'] },
      draftRevision: { type: ['integer', 'null'] },
    },
    required: ['itemCode', 'itemName', 'latestVersion', 'draftRevision'],
  },
} as const;

export const diffView = {
  type: 'object',
  description: 'Item field changes, nodes and edges added, removed and changed (matched by id)',
  properties: {
    item: { type: 'array' },
    nodes: { type: 'object' },
    edges: { type: 'object' },
    layoutChanged: { type: 'boolean' },
    identical: { type: 'boolean' },
  },
  required: ['item', 'nodes', 'edges', 'layoutChanged', 'identical'],
} as const;

export const directoryView = {
  type: 'object',
  description: 'What task departments and roles may name: department codes, and the positions active users hold',
  properties: {
    departments: { type: 'array', items: { type: 'string' } },
    positions: { type: 'array', items: { type: 'string' } },
  },
  required: ['departments', 'positions'],
} as const;
