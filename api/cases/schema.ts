import { PAUSE_REASON_CODES } from '../../domain/ladder/pause-limits';
import { edgeActions, specialProcedureKinds } from '../../domain/definition/schema/schema';
import { CASE_SORTS, COUNT_CAP, WORKLISTS } from '../../db/queries/case-lists';

export const caseNoSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{3,100}$' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

export const caseParams = {
  type: 'object',
  properties: { caseNo: caseNoSchema },
  required: ['caseNo'],
  additionalProperties: false,
} as const;

export const applicantSchema = {
  type: 'object',
  properties: {
    name: text(200),
    kind: { type: 'string', enum: ['person', 'organisation'] },
    idNumber: text(64),
    phone: { type: 'string', pattern: '^[0-9+() -]{5,32}$' },
    email: { type: 'string', format: 'email', maxLength: 200 },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

export const startBody = {
  type: 'object',
  properties: {
    itemCode: text(64),
    applicant: applicantSchema,
    data: { type: 'object', description: "Application form data, validated against the item's form schema", maxProperties: 200 },
    materials: {
      type: 'array', maxItems: 100, uniqueItems: true, items: text(200),
      description: "Names of the materials received at the counter, from the item's catalogue checklist (printed on the receipt)",
    },
  },
  required: ['itemCode', 'applicant', 'data'],
  additionalProperties: false,
} as const;

export const startedView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    queryCode: { type: 'string', description: 'Give it to the applicant: with the case number it opens the public progress page' },
    itemCode: { type: 'string' },
    definitionVersion: { type: 'integer' },
    submittedAt: instant,
  },
  required: ['caseNo', 'queryCode', 'itemCode', 'definitionVersion', 'submittedAt'],
} as const;

export const CASE_STATUSES = ['submitted', 'awaiting-supplement', 'processing', 'supplementing', 'special-procedure', 'suspended', 'concluded'] as const;
export const ALERT_LEVELS = ['normal', 'warning', 'yellow', 'red'] as const;

const listFilters = {
  department: text(64),
  itemCode: text(64),
  step: { ...text(64), description: 'A step (node id) the case stands at' },
  status: { type: 'string', enum: CASE_STATUSES },
  alertLevel: { type: 'string', enum: ALERT_LEVELS },
  overdue: { type: 'boolean', description: 'Open past the promised deadline, or concluded late' },
  submittedFrom: instant,
  submittedTo: instant,
  deadlineFrom: instant,
  deadlineTo: instant,
  q: {
    type: 'string', minLength: 1, maxLength: 100,
    description: 'Search: a case number, applicant, item name or item code that contains it (any case; taken literally, not as a pattern)',
  },
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    ...listFilters,
    list: {
      type: 'string', enum: WORKLISTS,
      description: "A clerk's worklist: `todo` (待办: open cases at a step of the caller's department and one of the caller's positions), `done` (已办: cases the caller acted on), `department` (本部门: the department's open cases), `concluded` (办结: its concluded cases)",
    },
    mine: { type: 'boolean', description: '`true`: the same as `list=todo`' },
    sort: { type: 'string', enum: CASE_SORTS, default: 'newest', description: '`newest` submitted first, or `urgency`: red, yellow, warning, normal, then concluded; within each the nearest deadline first' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', maxLength: 200, description: '`nextCursor` of the previous page (with the same sort)' },
  },
  additionalProperties: false,
} as const;

export const worklistQuery = { type: 'object', properties: listFilters, additionalProperties: false } as const;
export const levelQuery = worklistQuery;

const count = { type: 'integer', minimum: 0 } as const;
export const worklistCountsView = {
  type: 'object',
  description: `Cases in each worklist (at most ${COUNT_CAP})`,
  properties: { todo: count, done: count, department: count, concluded: count },
  required: ['todo', 'done', 'department', 'concluded'],
} as const;

export const levelCountsView = {
  type: 'object',
  description: 'Open cases at each alert level (concluded cases are at none)',
  properties: { normal: count, warning: count, yellow: count, red: count },
  required: ['normal', 'warning', 'yellow', 'red'],
} as const;

export const caseSummary = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    mode: { type: 'string', enum: ['native', 'tracked'] },
    itemCode: { type: 'string' },
    itemName: { type: 'string' },
    department: { type: 'string' },
    applicantName: { type: 'string' },
    status: { type: 'string', enum: CASE_STATUSES },
    outcome: { type: ['string', 'null'] },
    alertLevel: { type: 'string', enum: ALERT_LEVELS },
    position: {
      type: 'array',
      description: 'The active steps',
      items: {
        type: 'object',
        properties: {
          nodeId: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' }, role: { type: 'string' },
          startedAt: { anyOf: [instant, { type: 'null' }] },
        },
        required: ['nodeId', 'name'],
      },
    },
    submittedAt: instant,
    acceptedAt: { anyOf: [instant, { type: 'null' }] },
    concludedAt: { anyOf: [instant, { type: 'null' }] },
    deadline: { anyOf: [instant, { type: 'null' }] },
    statutoryDeadline: { anyOf: [instant, { type: 'null' }] },
    provisional: { type: 'boolean' },
    onTime: { type: ['boolean', 'null'] },
  },
  required: ['caseNo', 'itemCode', 'department', 'status', 'alertLevel', 'position', 'submittedAt'],
} as const;

export const caseList = {
  type: 'object',
  properties: {
    items: { type: 'array', items: caseSummary },
    nextCursor: { type: ['string', 'null'] },
  },
  required: ['items', 'nextCursor'],
} as const;

export const caseDetail = {
  type: 'object',
  description: 'The live state of the case (position, clocks, thresholds; instants as ISO strings), its process graph and its event timeline',
  properties: {
    case: caseSummary,
    live: { type: ['object', 'null'], description: "The workflow's `caseState` view, null when the case has ended and is no longer queryable" },
    graph: {
      type: ['object', 'null'],
      description: 'The process graph of the version the case runs on (nodes, edges, layout; not the catalogue); null if that version is not in this database',
      properties: {
        itemCode: { type: 'string' },
        version: { type: 'integer' },
        promisedDays: { type: 'integer', description: 'The promised limit in working days' },
        nodes: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'kind', 'name'] } },
        edges: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, source: { type: 'string' }, target: { type: 'string' } }, required: ['id', 'source', 'target'] } },
        layout: { type: ['object', 'null'] },
      },
      required: ['itemCode', 'version', 'promisedDays', 'nodes', 'edges', 'layout'],
    },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq: { type: 'integer' }, at: instant, type: { type: 'string' }, summary: { type: 'string' },
          nodeId: { type: ['string', 'null'] }, actorId: { type: ['string', 'null'] },
          actorName: { type: ['string', 'null'], description: 'The display name of the user who acted, when the actor is a user' },
          payload: { type: 'object', description: "The event's data (outcome, reason, materials, the alert or anomaly record…), from which a reader's language renders the line; `summary` is its English form" },
        },
        required: ['seq', 'at', 'type', 'summary'],
      },
    },
  },
  required: ['case', 'live', 'graph', 'timeline'],
} as const;

const report = {
  feeCharged: { type: 'number', minimum: 0, description: 'Fee charged in yuan' },
  documents: { type: 'array', items: text(200), maxItems: 50, description: 'Preventive documents filed' },
} as const;
const comment = { comment: text(2000) } as const;
const nodeId = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } as const;

const body = <P extends object, R extends readonly string[]>(properties: P, required: R) =>
  ({ type: 'object', properties: { ...comment, ...properties }, required, additionalProperties: false }) as const;

/** The body of each clerk action; the action names are the path segment. */
export const actionBodies = {
  accept: body({ ...report }, []),
  refuse: body({ reason: text(2000) }, ['reason']),
  'supplement-notice': body({
    materials: { type: 'array', items: text(200), minItems: 1, maxItems: 100 },
    reasonCode: { type: 'string', enum: PAUSE_REASON_CODES.supplement, description: 'Why (fixed list); `other` when absent' },
    reason: text(2000),
  }, ['materials']),
  'supplement-received': body({}, []),
  'complete-step': body({ ...report, nodeId, action: { type: 'string', enum: edgeActions }, returnTo: nodeId }, ['action']),
  'start-special-procedure': body(
    { kind: { type: 'string', enum: specialProcedureKinds }, limitDays: { type: 'integer', minimum: 1, maximum: 3650 }, nodeId, reason: text(2000) },
    ['kind', 'reason'],
  ),
  'end-special-procedure': body({ key: text(100) }, []),
  suspend: body({ reason: text(2000), reasonCode: { type: 'string', enum: PAUSE_REASON_CODES.suspension, description: 'Why (fixed list); `other` when absent' } }, ['reason']),
  resume: body({}, []),
  terminate: body({ reason: text(2000) }, ['reason']),
  conclude: body({ ...report, nodeId, action: { type: 'string', enum: edgeActions } }, []),
  claim: body({ nodeId }, []),
  release: body({ nodeId }, []),
} as const;

export const actionResultView = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    idempotencyKey: { type: 'string' },
    eventSeq: { type: 'integer' },
    at: instant,
    status: { type: 'string', enum: CASE_STATUSES },
    outcome: { type: ['string', 'null'] },
    position: { type: 'array', items: { type: 'string' } },
    alertLevel: { type: 'string', enum: ALERT_LEVELS },
  },
  required: ['caseNo', 'idempotencyKey', 'eventSeq', 'at', 'status', 'outcome', 'position', 'alertLevel'],
} as const;

export const urgeBody = {
  type: 'object',
  properties: { message: text(2000) },
  required: ['message'],
  additionalProperties: false,
} as const;

export const unlockBody = {
  type: 'object',
  properties: { reason: { ...text(2000), description: 'Why the flow is unlocked; kept in the supervision log' } },
  required: ['reason'],
  additionalProperties: false,
} as const;

export const unlockedView = {
  type: 'object',
  properties: { caseNo: { type: 'string' }, eventSeq: { type: 'integer' }, at: instant, status: { type: 'string', enum: CASE_STATUSES } },
  required: ['caseNo', 'eventSeq', 'at', 'status'],
} as const;

export const urgedView = {
  type: 'object',
  properties: { caseNo: { type: 'string' }, urgeId: { type: 'string' } },
  required: ['caseNo', 'urgeId'],
} as const;
