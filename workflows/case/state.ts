import type { Instant } from '../../domain/calendar/local-date';
import type { ClockState } from '../../domain/clock/types';
import { findNode } from '../../domain/definition/graph/helpers';
import type { EndOutcome, ProcessDefinition, TaskNode } from '../../domain/definition/types';
import type { StepClaim } from '../../domain/ladder/holder';
import type { FlowLock } from '../../domain/ladder/lock';
import type { LimitedPause } from '../../domain/ladder/pause-limits';
import type { ScheduleStep } from '../../domain/ladder/types';
import type {
  ActionResult, AlertView, AnomalyView, CaseStartInput, HistoryEntry, NoticeView, SpecialProcedureView,
} from './contract';
import type { AlertRecord, CaseEventRecord, CaseEventType } from '../../activities/contract/case-records';

/** An active task: a token on the graph. */
export interface Token {
  nodeId: string;
  stepKey: string;
  startedAt: Instant;
  branch?: { splitId: string; edgeId: string };
  /** 签收: the clerk who claimed the step, and when (./claims). */
  claim?: StepClaim;
}

/**
 * The whole state of one case. Plain data, so that continue-as-new can carry it; the
 * engine functions in this folder change it and are deterministic.
 */
export interface CaseState {
  input: Omit<CaseStartInput, 'carried'>;
  tokens: Token[];
  /** Parallel joins waiting: join id → split edge ids of the branches that arrived. */
  joins: Record<string, string[]>;
  visits: Record<string, number>;
  acceptedAt: Instant | null;
  concluded: { outcome: EndOutcome; at: Instant } | null;
  processing: ClockState;
  supplementNoticeResolvedAt: Instant | null;
  supplementNoticeIssued: boolean;
  supplementPending: boolean;
  suspended: boolean;
  steps: ScheduleStep[];
  specialProcedures: SpecialProcedureView[];
  /** Threshold keys already alerted. */
  fired: string[];
  alerts: AlertView[];
  anomalies: AnomalyView[];
  notices: NoticeView[];
  history: HistoryEntry[];
  historyCount: number;
  seq: number;
  /** Idempotency keys in arrival order with their update name and first result. */
  results: { key: string; update: string; fingerprint?: string; result: ActionResult }[];
  external: { seenIds: string[]; lastSequence: number | null; lastAt: Instant | null };
  run: number;
  /** Events not yet recorded in MongoDB. */
  outbox: CaseEventRecord[];
  /** Alerts whose notifications are not yet delivered, with the seq of their event. */
  pendingDeliveries: { alert: AlertRecord; seq: number }[];
  /** The `patched()` ids of the rules this case follows (./rules); absent on cases started before them. */
  rules?: string[];
  /** 流程锁定: set when a card locks the flow. */
  lock?: FlowLock | null;
  /** 中止 and 补正 under their limits (./pauses), in order. */
  pauses?: LimitedPause[];
  /** Keys of raised alerts closed because their cause ended (./closing). */
  closedAlerts?: string[];
}

export const HISTORY_KEPT = 50;
export const RESULTS_KEPT = 500;
export const EXTERNAL_IDS_KEPT = 500;

/** A new case, as submitted. */
export function initialState(input: CaseStartInput): CaseState {
  const { carried: _carried, ...rest } = input;
  return {
    input: rest,
    tokens: [],
    joins: {},
    visits: {},
    acceptedAt: null,
    concluded: null,
    processing: { startedAt: null, pauses: [] },
    supplementNoticeResolvedAt: null,
    supplementNoticeIssued: false,
    supplementPending: false,
    suspended: false,
    steps: [],
    specialProcedures: [],
    fired: [],
    alerts: [],
    anomalies: [],
    notices: [],
    history: [],
    historyCount: 0,
    seq: 0,
    results: [],
    external: { seenIds: [], lastSequence: null, lastAt: null },
    run: 1,
    outbox: [],
    pendingDeliveries: [],
  };
}

export function definitionOf(state: CaseState): ProcessDefinition {
  return state.input.definition;
}

/** The task node of a token (tokens only ever sit on tasks). */
export function taskOf(state: CaseState, nodeId: string): TaskNode | undefined {
  const node = findNode(state.input.definition, nodeId);
  return node?.kind === 'task' ? node : undefined;
}

/** Appends a case event: the outbox gets the full record, the history a summary line. */
export function emit(
  state: CaseState,
  type: CaseEventType,
  at: Instant,
  summary: string,
  extra: { nodeId?: string; actorId?: string; payload?: Record<string, unknown> } = {},
): CaseEventRecord {
  state.seq += 1;
  const seq = state.seq;
  const event: CaseEventRecord = {
    id: `${state.input.caseNo}:${seq}`,
    caseNo: state.input.caseNo,
    seq,
    type,
    at,
    summary,
    ...(extra.nodeId !== undefined && { nodeId: extra.nodeId }),
    ...(extra.actorId !== undefined && { actorId: extra.actorId }),
    payload: extra.payload ?? {},
  };
  state.outbox.push(event);
  const entry: HistoryEntry = { seq, at, type, summary };
  if (extra.nodeId !== undefined) entry.nodeId = extra.nodeId;
  if (extra.actorId !== undefined) entry.actorId = extra.actorId;
  state.history.push(entry);
  if (state.history.length > HISTORY_KEPT) state.history.splice(0, state.history.length - HISTORY_KEPT);
  state.historyCount += 1;
  return event;
}
