import type { Instant } from '../calendar/local-date';
import type { ClockState, PauseReason } from '../clock/types';

/** The limits that drive a case's clocks, in working days. */
export interface ScheduleLimits {
  /** 承诺时限: the warning, yellow and red cards are measured against it. */
  promisedDays: number;
  /** 法定时限: reported as `statutoryDeadline`. */
  statutoryDays: number;
  /** Working days from the yellow card to the red card. */
  redCardGraceDays: number;
  /** Hours after local midnight of the last working day at which the warning falls; default 0. */
  warningHour?: number;
  /** 补交告知时限 from submission; default 5 (行政许可法第三十二条). */
  supplementNoticeDays?: number;
  /** The reminder falls at the start of the step's k-th last working day; default 1, 0 for none. */
  stepReminderDays?: number;
}

/** A step (承办, 审核, …) with its own limit, counted from the moment it became active. */
export interface ScheduleStep {
  key: string;
  nodeId: string;
  startedAt: Instant;
  limitDays: number;
  completedAt?: Instant;
}

/** A special procedure (专家论证, 现场勘查, 听证, …); its own limit is not paused. */
export interface ScheduleSpecialProcedure {
  key: string;
  kind: string;
  startedAt: Instant;
  limitDays: number;
  endedAt?: Instant;
}

/** Everything the schedule of one case depends on. */
export interface ScheduleInput {
  now?: Instant;
  limits: ScheduleLimits;
  /** The supplement-notice clock starts at submission. */
  submittedAt?: Instant;
  /** Accepted, refused or one-time notice issued: the supplement-notice clock stops. */
  supplementNoticeResolvedAt?: Instant;
  /** From acceptance (受理) to conclusion, with its pause ledger. */
  processing?: ClockState;
  /** Pauses of the processing clock also extend open steps. */
  steps?: ScheduleStep[];
  specialProcedures?: ScheduleSpecialProcedure[];
}

export type ThresholdKind =
  | 'warning'
  | 'yellowCard'
  | 'redCard'
  | 'stepReminder'
  | 'stepOverdue'
  | 'supplementNoticeOverdue'
  | 'specialProcedureOverdue'
  | 'pauseReminder'
  | 'pauseOverdue'
  | 'pauseFlag';

/**
 * An instant at which something is due. `key` is stable across recomputations: 'warning',
 * 'yellowCard', 'redCard', 'stepReminder:<stepKey>', 'stepOverdue:<stepKey>',
 * 'supplementNoticeOverdue', 'specialProcedureOverdue:<key>'. `ref` is the step's nodeId or
 * the special procedure's kind.
 */
export interface Threshold {
  key: string;
  kind: ThresholdKind;
  at: Instant;
  provisional: boolean;
  ref?: string;
  /** at <= now */
  due: boolean;
}

/** A threshold an open pause holds back: it has no instant until the clock resumes. */
export interface SuspendedThreshold {
  key: string;
  kind: ThresholdKind;
  ref?: string;
}

export type AlertLevel = 'normal' | 'warning' | 'yellow' | 'red';

/** The processing clock at `now` (or at its stop). */
export interface ProcessingStatus {
  workingDaysUsed: number;
  pausedWorkingDays: number;
  /** Promised days left; negative when overdue; null without `now` on a running clock. */
  workingDaysRemaining: number | null;
  paused: boolean;
  pauseReasons: PauseReason[];
  stopped: boolean;
}

export interface Schedule {
  /** Sorted by `at`; only for clocks still running. */
  thresholds: Threshold[];
  /** First threshold with at > now (the first of all without `now`): the next timer. */
  next: Threshold | null;
  /** The processing ladder's level from the thresholds due at `now`. */
  alertLevel: AlertLevel;
  /** End of the promised limit; null while an open pause leaves it unknown. */
  deadline: Instant | null;
  /** End of the statutory limit; null while an open pause leaves it unknown. */
  statutoryDeadline: Instant | null;
  processing: ProcessingStatus | null;
  /** Thresholds an open pause holds back. */
  suspended: SuspendedThreshold[];
  provisional: boolean;
  provisionalYears: number[];
}
