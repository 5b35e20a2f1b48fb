/**
 * The case workflow's public contract: its name, start input, every update, signal and
 * query with their argument and result types, the refusal codes, and the query's state.
 * The API and the tests code against this file only. Change it additively.
 *
 * Instants are epoch milliseconds (UTC), as in domain/.
 */
import type { ApplicationFailure } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor as WorkflowActor, LegacyCaseActor } from '../../domain/actor';
import type { Instant } from '../../domain/calendar/local-date';
import type { WorkCalendar } from '../../domain/calendar/schema';
import type { AlertLevel } from '../../domain/ladder/types';
import type { EdgeAction, EndOutcome, ProcessDefinition, SpecialProcedureKind } from '../../domain/definition/types';
import type {
  ActiveTaskView, AlertView, AnomalyKind, AnomalyView, CaseMode, CaseStatus, CaseView, HistoryEntry, NoticeView, SpecialProcedureView, SupervisionOrderEvent,
} from '../../domain/records/case-view';
import { findRefusal, refusalFailure, type RefusalOf } from '../shared/refusal';

export type { ActiveTaskView, AlertView, AnomalyKind, AnomalyView, CaseMode, CaseStatus, CaseView, HistoryEntry, NoticeView, SpecialProcedureView, SupervisionOrderEvent };

/** Registered name of the case workflow (start it with `caseWorkflowId(caseNo)` from config/temporal). */
export const CASE_WORKFLOW_NAME = 'caseWorkflow';

/** native: clerks act through the API (updates); tracked: an external system's events drive it (signals). */

export interface Applicant {
  name: string;
  kind?: 'person' | 'organisation';
  idNumber?: string;
  phone?: string;
  email?: string;
}

/** Per-case options of the alert ladder; defaults come from the definition's item. */
export interface CaseOptions {
  /** Hours after local midnight of the last working day at which the warning falls; default 0. */
  warningHour?: number;
  /** The step reminder falls at the start of the step's k-th last working day; default 1, 0 for none. */
  stepReminderDays?: number;
  /** Continue-as-new once the run's history reaches this many events; default 4000. */
  historyLimit?: number;
}

/** Everything a case workflow starts with. The definition and calendar are snapshots: a running case never sees a later version unless told (`calendarChanged`). */
export interface CaseStartInput {
  caseNo: string;
  mode: CaseMode;
  /** The published definition version the case runs on. */
  definitionRef: { id: string; version: number };
  definition: ProcessDefinition;
  calendar: WorkCalendar;
  applicant: Applicant;
  /** Application form data; choice conditions read it as `data.<field>`. */
  data: Record<string, unknown>;
  /** When the application was submitted: the supplement-notice clock starts here. */
  submittedAt: Instant;
  /** Public progress look-up code (given by the API, shown to the applicant). */
  queryCode?: string;
  options?: CaseOptions;
  /**
   * The set of rules the case adopts (./rules `RULE_SETS`, the caller's newest:
   * `CURRENT_RULE_SET`). Given here, it is in the history with the input, and the case asks
   * no `patched()` id for it: no marker, and no upsert of the search attribute the SDK adds to
   * each marker. A worker that does not know the set fails the task, which is tried again
   * until a worker that does takes it. Absent on cases started before it could be given: they
   * adopt their rules through `patched()`.
   */
  ruleSet?: string;
  /** State carried across continue-as-new; never set by callers. */
  carried?: unknown;
}

/** Who acts: the API fills it from the authenticated user; recorded histories may carry the legacy shape. */
export type Actor = WorkflowActor | LegacyCaseActor;

/** Every clerk action carries an idempotency key: a repeated key returns the first result and applies nothing. */
export interface ActionBase {
  idempotencyKey: string;
  actor: Actor;
  comment?: string;
}

/** Fee and documents reported when a step is completed. */
export interface StepReport {
  /** Fee charged in yuan; compared with the item's standard. */
  feeCharged?: number;
  /** Names of the preventive documents filed (checked against a risk point's required documents). */
  documents?: string[];
}

export type AcceptArgs = ActionBase & StepReport;
export type RefuseArgs = ActionBase & { reason: string };
/** `reasonCode`: one of PAUSE_REASON_CODES.supplement (domain/ladder/pause-limits), `other` when absent. */
export type SupplementNoticeArgs = ActionBase & { materials: string[]; reasonCode?: string; reason?: string };
export type SupplementReceivedArgs = ActionBase;
export interface CompleteStepArgs extends ActionBase, StepReport {
  /** The active task; required when several are active (parallel approval). */
  nodeId?: string;
  action: EdgeAction;
  /** For `return`: the earlier task to go back to (one of the definition's return targets). */
  returnTo?: string;
}
export interface StartSpecialProcedureArgs extends ActionBase {
  kind: SpecialProcedureKind;
  /** Its own limit; default the definition's for the active task. */
  limitDays?: number;
  /** The active task it runs during; default the only active task. */
  nodeId?: string;
  reason: string;
}
export type EndSpecialProcedureArgs = ActionBase & { key?: string };
/** `reasonCode`: one of PAUSE_REASON_CODES.suspension, `other` when absent. */
export type SuspendArgs = ActionBase & { reason: string; reasonCode?: string };
export type ResumeArgs = ActionBase;
export type TerminateArgs = ActionBase & { reason: string };
/** Completes the active 办结 (conclude-stage) task; `action` defaults to its only action. */
export type ConcludeArgs = ActionBase & StepReport & { nodeId?: string; action?: EdgeAction };
/** A supervisor lifts the flow lock (流程锁定) for good, giving the reason. */
export type UnlockArgs = ActionBase & { reason: string };
/** 签收 (claim) or release an active step; `nodeId` is required when several are active. */
export type ClaimArgs = ActionBase & { nodeId?: string };


/** What every accepted action answers. */
export interface ActionResult {
  idempotencyKey: string;
  /** Sequence number of the case event the action produced. */
  eventSeq: number;
  at: Instant;
  status: CaseStatus;
  outcome: EndOutcome | null;
  /** Active task ids after the action. */
  position: string[];
  alertLevel: AlertLevel;
}

export const acceptUpdate = defineUpdate<ActionResult, [AcceptArgs]>('accept');
export const refuseUpdate = defineUpdate<ActionResult, [RefuseArgs]>('refuse');
export const supplementNoticeUpdate = defineUpdate<ActionResult, [SupplementNoticeArgs]>('supplementNotice');
export const supplementReceivedUpdate = defineUpdate<ActionResult, [SupplementReceivedArgs]>('supplementReceived');
export const completeStepUpdate = defineUpdate<ActionResult, [CompleteStepArgs]>('completeStep');
export const startSpecialProcedureUpdate = defineUpdate<ActionResult, [StartSpecialProcedureArgs]>('startSpecialProcedure');
export const endSpecialProcedureUpdate = defineUpdate<ActionResult, [EndSpecialProcedureArgs]>('endSpecialProcedure');
export const suspendUpdate = defineUpdate<ActionResult, [SuspendArgs]>('suspend');
export const resumeUpdate = defineUpdate<ActionResult, [ResumeArgs]>('resume');
export const terminateUpdate = defineUpdate<ActionResult, [TerminateArgs]>('terminate');
export const concludeUpdate = defineUpdate<ActionResult, [ConcludeArgs]>('conclude');
export const unlockUpdate = defineUpdate<ActionResult, [UnlockArgs]>('unlock');
export const claimUpdate = defineUpdate<ActionResult, [ClaimArgs]>('claim');
export const releaseUpdate = defineUpdate<ActionResult, [ClaimArgs]>('release');

/** Stable codes of a refused action (the validator's `ApplicationFailure.type`). */
export const REFUSAL_CODES = [
  'INVALID_ARGUMENT',
  'CASE_CONCLUDED',
  'CASE_SUSPENDED',
  'NOT_SUSPENDED',
  'TRACKED_CASE',
  'NOT_AT_ACCEPTANCE',
  'NOT_ACCEPTED',
  'STEP_NOT_ACTIVE',
  'STEP_AMBIGUOUS',
  'ACTION_NOT_ALLOWED',
  'RETURN_TARGET_NOT_ALLOWED',
  'ROLE_NOT_ALLOWED',
  'DEPARTMENT_NOT_ALLOWED',
  'SUPPLEMENT_PENDING',
  'NO_SUPPLEMENT_PENDING',
  'SUPPLEMENT_NOTICE_ALREADY_ISSUED',
  'SPECIAL_PROCEDURE_NOT_ALLOWED',
  'SPECIAL_PROCEDURE_RUNNING',
  'NO_SPECIAL_PROCEDURE',
  'IDEMPOTENCY_KEY_REUSED',
  'CASE_LOCKED',
  'NOT_LOCKED',
  'SUPPLEMENT_LIMIT_REACHED',
  'CLAIM_NOT_AVAILABLE',
  'STEP_CLAIMED',
  'NOT_CLAIMED',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Failure type names the validators use; the `details[0]` of the failure is a {@link Refusal}. */
export type Refusal = RefusalOf<RefusalCode>;

/** Builds the failure a validator throws. */
export const refusal: (code: RefusalCode, reason: string) => ApplicationFailure = refusalFailure;

/** The refusal inside an update failure (`WorkflowUpdateFailedError.cause`), if it is one. */
export function refusalOf(error: unknown): Refusal | undefined {
  return findRefusal(REFUSAL_CODES, error);
}

/** 催办: a supervisor urges the case along. */
export interface UrgeSignal {
  id: string;
  by: { userId: string; name?: string };
  message: string;
  at?: Instant;
}

/** A supervision order (督办) event on this case. */
export interface SupervisionOrderSignal {
  orderId: string;
  event: SupervisionOrderEvent;
  by: { userId: string; name?: string };
  message: string;
  responseDeadline?: Instant;
  at?: Instant;
}

/** A year published or a local change made: the case recomputes on this calendar. */
export interface CalendarChangedSignal {
  calendar: WorkCalendar;
  reason?: string;
}

/** An attempt the API refused as outside the actor's rights; recorded as an anomaly. */
export interface ActorAnomalySignal {
  id: string;
  actor: Actor;
  attempted: string;
  reason: string;
  at?: Instant;
}

export type ExternalEventType =
  | 'submitted'
  | 'accepted'
  | 'refused'
  | 'supplementNotice'
  | 'supplementReceived'
  | 'stepCompleted'
  | 'specialProcedureStarted'
  | 'specialProcedureEnded'
  | 'suspended'
  | 'resumed'
  | 'terminated'
  | 'concluded';

/** One case event pushed by an external approval system (tracked mode); use signalWithStart. */
export interface ExternalCaseEvent {
  /** Unique per source system; a repeated id is ignored. */
  eventId: string;
  /** The source's per-case sequence number, when it keeps one; a lower one than seen is out of order. */
  sequence?: number;
  type: ExternalEventType;
  occurredAt: Instant;
  nodeId?: string;
  action?: EdgeAction;
  returnTo?: string;
  actor?: { userId: string; name?: string; department?: string };
  feeCharged?: number;
  documents?: string[];
  specialProcedure?: { key?: string; kind: SpecialProcedureKind; limitDays?: number };
  reason?: string;
  materials?: string[];
  /**
   * Set by the receiver when the event was reported beyond its tolerance: `occurredAt` is
   * then the receipt, and the case records a `late-report` anomaly with the reported time.
   */
  lateReport?: { occurredAt: Instant; receivedAt: Instant; reportDueAt: Instant };
}

export const urgeSignal = defineSignal<[UrgeSignal]>('urge');
export const supervisionOrderSignal = defineSignal<[SupervisionOrderSignal]>('supervisionOrder');
export const calendarChangedSignal = defineSignal<[CalendarChangedSignal]>('calendarChanged');
export const actorAnomalySignal = defineSignal<[ActorAnomalySignal]>('actorAnomaly');
export const externalEventSignal = defineSignal<[ExternalCaseEvent]>('externalEvent');


export const caseStateQuery = defineQuery<CaseView>('caseState');

/** What the workflow returns when the case ends. */
export interface CaseResult {
  caseNo: string;
  outcome: EndOutcome;
  concludedAt: Instant;
  alertLevel: AlertLevel;
  onTime: boolean;
}
