/**
 * What the case workflow answers when asked (`caseState`) and the words its records use:
 * plain data, so the workflow, its activities, the API and the web app (as
 * `IsoInstants<CaseView>`, instants as ISO strings) share one definition.
 */
import type { Instant } from '../calendar/local-date';
import type { ClockState } from '../clock/types';
import type { EndOutcome, TaskStage } from '../definition/types';
import type { StepClaim } from '../ladder/holder';
import type { FlowLock } from '../ladder/lock';
import type { LimitedPause } from '../ladder/pause-limits';
import type { AlertLevel, SuspendedThreshold, Threshold, ThresholdKind } from '../ladder/types';

/** Whether the workflow runs the graph itself or follows another system's events. */
export type CaseMode = 'native' | 'tracked';

export type CaseStatus =
  | 'submitted'
  | 'awaiting-supplement'
  | 'processing'
  | 'supplementing'
  | 'special-procedure'
  | 'suspended'
  | 'concluded';

/** Every anomaly the case records (异常); the API's filters and the scenario format take these. */
export const ANOMALY_KINDS = [
  'refused-at-acceptance', 'returned', 'voided', 'terminated', 'fee-mismatch', 'risk-documents-missing', 'outside-rights',
  'integrity', 'late-report', 'pause-overdue', 'second-suspension', 'long-pause',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** A supervision order's event the case hears of. */
export type SupervisionOrderEvent = 'opened' | 'answered' | 'concluded';

export interface AnomalyView {
  id: string;
  kind: AnomalyKind;
  at: Instant;
  reason: string;
  nodeId?: string;
  actorId?: string;
}

export interface AlertView {
  id: string;
  /** The threshold's stable key, e.g. 'yellowCard', 'stepOverdue:review#1'. */
  key: string;
  kind: ThresholdKind;
  level: AlertLevel | 'step' | 'notice';
  /** When it was raised (the workflow's time). */
  at: Instant;
  /** The threshold instant it was raised for. */
  thresholdAt: Instant;
  ref?: string;
  provisional: boolean;
}

export interface ActiveTaskView {
  nodeId: string;
  name: string;
  stage: TaskStage;
  role: string;
  department: string;
  startedAt: Instant;
  stepKey: string;
  limitDays?: number;
  /** The parallel branch (split id / edge id) it runs in. */
  branch?: { splitId: string; edgeId: string };
  /** 签收: the clerk who claimed the step and when; absent while the position holds it. */
  claim?: StepClaim;
}

export interface SpecialProcedureView {
  key: string;
  kind: string;
  nodeId?: string;
  startedAt: Instant;
  limitDays: number;
  endedAt?: Instant;
}

export interface NoticeView {
  kind: 'urge' | 'supervision-order';
  id: string;
  at: Instant;
  by: string;
  message: string;
  event?: SupervisionOrderEvent;
  responseDeadline?: Instant;
}

export interface HistoryEntry {
  seq: number;
  at: Instant;
  type: string;
  summary: string;
  nodeId?: string;
  actorId?: string;
}

/** The answer of `caseState`. */
export interface CaseView {
  caseNo: string;
  mode: CaseMode;
  definitionRef: { id: string; version: number };
  itemCode: string;
  itemName: string;
  department: string;
  status: CaseStatus;
  outcome: EndOutcome | null;
  position: ActiveTaskView[];
  submittedAt: Instant;
  acceptedAt: Instant | null;
  concludedAt: Instant | null;
  clocks: {
    processing: ClockState;
    supplementNotice: { startedAt: Instant; resolvedAt: Instant | null; limitDays: number };
    specialProcedures: SpecialProcedureView[];
    workingDaysUsed: number | null;
    workingDaysRemaining: number | null;
  };
  thresholds: Threshold[];
  suspendedThresholds: SuspendedThreshold[];
  next: Threshold | null;
  alertLevel: AlertLevel;
  deadline: Instant | null;
  statutoryDeadline: Instant | null;
  provisional: boolean;
  provisionalYears: number[];
  alerts: AlertView[];
  anomalies: AnomalyView[];
  notices: NoticeView[];
  /** The latest entries (at most 50) and the total count. */
  history: HistoryEntry[];
  historyCount: number;
  /** Runs so far (1 + continue-as-new count). */
  run: number;
  /** 流程锁定: the lock, whether it holds now, and how it was lifted; null when the flow never locked. */
  lock?: (FlowLock & { locked: boolean }) | null;
  /** 中止 and 补正 with their reasons, since when and until when (absent on cases started before pause limits). */
  pauses?: LimitedPause[];
}
