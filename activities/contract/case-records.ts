/**
 * What the case workflow hands to its activities to record: plain data with ids fixed by
 * the workflow, so that a retried activity writes nothing twice.
 */
import type { Instant } from '../../domain/calendar/local-date';
import type { EndOutcome } from '../../domain/definition/types';
import type { StepHolder } from '../../domain/ladder/holder';
import type { AlertLevel, ThresholdKind } from '../../domain/ladder/types';

import type { Audience } from '../../domain/records/vocabulary';

export type { Audience, CaseEventType } from '../../domain/records/vocabulary';
export type { AnomalyKind, CaseMode, CaseStatus } from '../../domain/records/case-view';
import type { AnomalyKind, CaseMode, CaseStatus } from '../../domain/records/case-view';

/** One entry of the append-only case-event collection; `id` is `<caseNo>:<seq>`. */
export interface CaseEventRecord {
  id: string;
  caseNo: string;
  seq: number;
  type: string;
  at: Instant;
  summary: string;
  nodeId?: string;
  actorId?: string;
  payload: Record<string, unknown>;
}

/** An alert of the ladder (or a step/notice threshold); `id` is `<caseNo>:<threshold key>`. */
export interface AlertRecord {
  id: string;
  caseNo: string;
  itemCode: string;
  department: string;
  key: string;
  kind: ThresholdKind;
  level: AlertLevel | 'step' | 'notice';
  thresholdAt: Instant;
  raisedAt: Instant;
  provisional: boolean;
  ref?: string;
  reason: string;
  audience: Audience[];
  /**
   * A step overdue or a card: who held the step it is charged to, fixed by the workflow when
   * raised (null: no step was overdue, the case's department is charged). Absent on cases
   * started before claims (签收), whose recorder works it out from the read model.
   */
  holder?: StepHolder | null;
}

/** An anomaly (异常) flagged for supervisors; `id` is `<caseNo>:anomaly:<n>`. */
export interface AnomalyRecord {
  id: string;
  caseNo: string;
  itemCode: string;
  department: string;
  kind: AnomalyKind;
  at: Instant;
  reason: string;
  nodeId?: string;
  actorId?: string;
}

/** The case read model that lists and statistics use; written whole, guarded by `seq`. */
export interface CaseReadModel {
  caseNo: string;
  seq: number;
  mode: CaseMode;
  definitionId: string;
  definitionVersion: number;
  itemCode: string;
  itemName: string;
  category: string;
  department: string;
  applicantName: string;
  queryCode?: string;
  status: CaseStatus;
  outcome: EndOutcome | null;
  alertLevel: AlertLevel;
  position: { nodeId: string; name: string; department: string; role: string; startedAt: Instant }[];
  submittedAt: Instant;
  acceptedAt: Instant | null;
  concludedAt: Instant | null;
  deadline: Instant | null;
  statutoryDeadline: Instant | null;
  provisional: boolean;
  workingDaysUsed: number | null;
  /** The item's statutory limit in working days (statistics compare the days used with it). */
  statutoryDays?: number;
  onTime: boolean | null;
  anomalyCount: number;
  alertCount: number;
  updatedAt: Instant;
}

/** What `recordCaseEvents` receives: events in order and the read model after them. */
export interface RecordBatch {
  events: CaseEventRecord[];
  readModel: CaseReadModel;
}

/**
 * What every recording activity answers the workflow that queued the batch. The answer is
 * in the workflow's history, so a workflow that decides on it stays deterministic on replay;
 * a history recorded before the answer existed holds none (`undefined`), read as "deliver".
 */
export interface RecordOutcome {
  /** Whether a channel besides the in-app inbox (e-mail, the SMS/IM webhook) was configured: if not, the batch's alerts need no delivery activity. */
  outsideChannels: boolean;
}
