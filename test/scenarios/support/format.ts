import { Ajv2020, type ErrorObject } from 'ajv/dist/2020';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { REFUSAL_CODES } from '../../../workflows/case/contract';
import { ANOMALY_KINDS } from '../../../domain/records/case-view';

/**
 * The scenario file format (YAML), validated by this JSON Schema. See docs/scenarios.md.
 * Times are local to the calendar's zone (Asia/Shanghai): 'YYYY-MM-DD HH:mm' or 'YYYY-MM-DD'.
 */
const instant = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?$' } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const statuses = ['submitted', 'awaiting-supplement', 'processing', 'supplementing', 'special-procedure', 'suspended', 'concluded'];
const outcomes = ['approved', 'disapproved', 'refused', 'returned', 'voided', 'terminated'];
const anomalyKinds = [...ANOMALY_KINDS];
export const ACTIONS = [
  'accept', 'refuse', 'supplementNotice', 'supplementReceived', 'completeStep', 'complete', 'approve', 'reject', 'return', 'void',
  'startSpecialProcedure', 'endSpecialProcedure', 'suspend', 'resume', 'terminate', 'conclude', 'unlock',
] as const;
export const SIGNALS = ['urge', 'supervisionOrder', 'calendarChanged', 'externalEvent', 'actorAnomaly'] as const;
export const STEP_KINDS = ['at', 'advance', 'act', 'signal', 'expect', 'expectAlert', 'expectNoAlert'] as const;

const calendarPatch = {
  type: 'object',
  additionalProperties: false,
  properties: {
    years: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['year'],
        properties: {
          year: { type: 'integer', minimum: 1901, maximum: 2071 },
          holidays: { type: 'array', items: date },
          workdays: { type: 'array', items: date },
          published: { type: 'boolean' },
        },
      },
    },
    adjustments: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['date', 'working'],
        properties: { date, working: { type: 'boolean' }, reason: { type: 'string' } },
      },
    },
  },
} as const;

const expectState = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    status: { enum: statuses },
    outcome: { enum: [...outcomes, null] },
    position: { type: 'array', items: { type: 'string' } },
    alertLevel: { enum: ['normal', 'warning', 'yellow', 'red'] },
    deadline: { anyOf: [instant, { type: 'null' }] },
    statutoryDeadline: { anyOf: [instant, { type: 'null' }] },
    concludedAt: { anyOf: [instant, { type: 'null' }] },
    provisional: { type: 'boolean' },
    anomalies: { type: 'array', items: { enum: anomalyKinds } },
    alerts: { type: 'array', items: { type: 'string' } },
    thresholds: { type: 'object', additionalProperties: instant },
    workingDaysUsed: { type: 'integer' },
    paused: { type: 'boolean' },
    notices: { type: 'integer', minimum: 0 },
    historyTypes: { type: 'array', items: { type: 'string' } },
    runAtLeast: { type: 'integer', minimum: 1 },
    specialProcedures: { type: 'integer', minimum: 0 },
    locked: { type: 'boolean' },
    recorded: {
      type: 'object', additionalProperties: false,
      properties: { alerts: { type: 'array', items: { type: 'string' } }, closedAlerts: { type: 'array', items: { type: 'string' } }, anomalies: { type: 'array', items: { enum: anomalyKinds } }, status: { enum: statuses } },
    },
  },
} as const;

export const scenarioSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'definition', 'start', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    definition: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
    calendar: calendarPatch,
    mode: { enum: ['native', 'tracked'] },
    data: { type: 'object' },
    /** Item settings laid over the definition's item (flowLock, pauseLimits, …). */
    item: { type: 'object' },
    options: {
      type: 'object', additionalProperties: false,
      properties: { warningHour: { type: 'number' }, stepReminderDays: { type: 'integer' }, historyLimit: { type: 'integer', minimum: 20 } },
    },
    actors: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          {
            type: 'object', additionalProperties: false, required: ['roles', 'departments'],
            properties: { roles: { type: 'array', items: { type: 'string' } }, departments: { type: 'array', items: { type: 'string' } } },
          },
          {
            // A platform user (a supervisor): platform roles, business positions and one department.
            type: 'object', additionalProperties: false, required: ['roles', 'positions', 'department'],
            properties: { roles: { type: 'array', items: { type: 'string' } }, positions: { type: 'array', items: { type: 'string' } }, department: { type: 'string' } },
          },
        ],
      },
    },
    start: instant,
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          note: { type: 'string' },
          at: instant,
          advance: { type: 'string', pattern: '^\\d+ (working days?|days?|hours?|minutes?)$' },
          act: { enum: ACTIONS },
          as: { type: 'string', minLength: 1 },
          with: { type: 'object' },
          key: { type: 'string', minLength: 1 },
          refused: { enum: REFUSAL_CODES },
          signal: { enum: SIGNALS },
          expect: expectState,
          expectAlert: {
            type: 'object', additionalProperties: false, required: ['at'],
            properties: { key: { type: 'string' }, kind: { type: 'string' }, at: instant, provisional: { type: 'boolean' } },
          },
          expectNoAlert: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

export type ExpectState = {
  status?: string; outcome?: string | null; position?: string[]; alertLevel?: string; deadline?: string | null;
  statutoryDeadline?: string | null; concludedAt?: string | null; provisional?: boolean; anomalies?: string[]; alerts?: string[];
  thresholds?: Record<string, string>; workingDaysUsed?: number; paused?: boolean; notices?: number; historyTypes?: string[];
  runAtLeast?: number; specialProcedures?: number; locked?: boolean; recorded?: { alerts?: string[]; closedAlerts?: string[]; anomalies?: string[]; status?: string };
};
export type CalendarPatch = {
  years?: { year: number; holidays?: string[]; workdays?: string[]; published?: boolean }[];
  adjustments?: { date: string; working: boolean; reason?: string }[];
};
export interface ScenarioStep {
  note?: string; at?: string; advance?: string; act?: (typeof ACTIONS)[number]; as?: string; with?: Record<string, unknown>;
  key?: string; refused?: string; signal?: (typeof SIGNALS)[number]; expect?: ExpectState;
  expectAlert?: { key?: string; kind?: string; at: string; provisional?: boolean }; expectNoAlert?: string;
  /** 1-based line in the file, for messages. */
  line: number;
}
export interface Scenario {
  file: string; name: string; description?: string; definition: string | Record<string, unknown>; calendar?: CalendarPatch;
  mode?: 'native' | 'tracked'; data?: Record<string, unknown>; item?: Record<string, unknown>; options?: { warningHour?: number; stepReminderDays?: number; historyLimit?: number };
  /** Named actors in the case's legacy shape (`roles` are positions), which recorded histories carry and the case still accepts. */
  actors?: Record<string, { roles: string[]; departments: string[] } | { roles: string[]; positions: string[]; department: string }>; start: string; steps: ScenarioStep[];
}

/** A scenario file that cannot be played; the message names the file, line and field. */
export class ScenarioFormatError extends Error {
  override readonly name = 'ScenarioFormatError';
}

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(scenarioSchema);

function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `unknown field '${String(params['additionalProperty'])}'`;
  if (error.keyword === 'required') return `missing field '${String(params['missingProperty'])}'`;
  if (error.keyword === 'enum') return `${error.message}: ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return error.message ?? 'is invalid';
}

/** Parses and validates a scenario; throws {@link ScenarioFormatError} naming the line and field of every problem. */
export function parseScenario(text: string, file: string): Scenario {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) throw new ScenarioFormatError(`${file}: ${doc.errors.map((e) => e.message).join('\n')}`);
  const value: unknown = doc.toJS();
  const problems: string[] = [];
  if (!validate(value)) {
    for (const error of validate.errors ?? []) {
      const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      problems.push(`${file}:${lineOf(doc, counter, path)}: ${error.instancePath || '/'} ${describeError(error)}`);
    }
  }
  const raw = value as { steps?: Record<string, unknown>[] };
  const stepsNode = doc.get('steps', true);
  (raw.steps ?? []).forEach((step, i) => {
    const kinds = STEP_KINDS.filter((k) => k in step);
    const line = lineOf(doc, counter, ['steps', i]);
    if (kinds.length !== 1) problems.push(`${file}:${line}: /steps/${i} needs exactly one of ${STEP_KINDS.join(', ')} (found ${kinds.join(', ') || 'none'})`);
    if ('act' in step && !('as' in step)) problems.push(`${file}:${line}: /steps/${i} 'act' needs 'as' (the role acting)`);
  });
  if (problems.length > 0) throw new ScenarioFormatError(`invalid scenario:\n${[...new Set(problems)].join('\n')}`);
  const steps = (raw.steps ?? []).map((step, i) => ({
    ...(step as Omit<ScenarioStep, 'line'>),
    line: isSeq(stepsNode) && isMap(stepsNode.items[i]) ? lineOf(doc, counter, ['steps', i]) : 1,
  }));
  return { ...(value as Omit<Scenario, 'file' | 'steps'>), file, steps };
}
