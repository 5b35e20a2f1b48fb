import { calendarIndex } from '../calendar/calendar-index';
import { localDayOf, type Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { ItemInfo } from '../definition/types';
import { Collector } from './collector';
import type { Schedule, Threshold, ThresholdKind } from './types';

/**
 * Limits on the pauses the supervised control (中止 and 补正): each has a limit on the work
 * calendar, a reminder before it, an overdue alert and anomaly when it passes, and a flag for
 * the supervision office when it lasts longer than `flagAfterDays`.
 */
export interface PauseLimits {
  /** 中止: working days a suspension may last. */
  suspensionDays: number;
  /** 补正 after acceptance: working days the applicant has to supplement. */
  supplementDays: number;
  /** 补正 notices allowed after acceptance. */
  supplementsAfterAcceptance: number;
  /** 一次性告知 before acceptance: working days the applicant has to supplement. */
  oneTimeNoticeDays: number;
  /** The reminder falls at the start of the pause's k-th last working day; 0 for none. */
  reminderDays: number;
  /** A pause longer than this many working days is flagged for the supervision office. */
  flagAfterDays: number;
}

export const DEFAULT_PAUSE_LIMITS: PauseLimits = {
  suspensionDays: 30, supplementDays: 15, supplementsAfterAcceptance: 1, oneTimeNoticeDays: 15, reminderDays: 3, flagAfterDays: 20,
};

/** An item's pause limits, its own settings over the defaults. */
export function pauseLimitsOf(item: Pick<ItemInfo, 'pauseLimits'>): PauseLimits {
  return { ...DEFAULT_PAUSE_LIMITS, ...item.pauseLimits };
}

/** The fixed reasons a pause gives, beside its free text. */
export const PAUSE_REASON_CODES = {
  suspension: ['applicant-request', 'awaiting-other-decision', 'force-majeure', 'applicant-unreachable', 'other'],
  supplement: ['materials-incomplete', 'materials-not-conforming', 'materials-unclear', 'other'],
} as const;
export type SuspensionReasonCode = (typeof PAUSE_REASON_CODES.suspension)[number];
export type SupplementReasonCode = (typeof PAUSE_REASON_CODES.supplement)[number];

/** What is paused: the processing clock (suspension, supplement after acceptance) or the applicant's one-time notice before it. */
export type LimitedPauseKind = 'suspension' | 'supplement' | 'one-time-notice';

/** One pause under a limit; `key` is `<kind>#<n>`, open while `to` is absent. */
export interface LimitedPause {
  key: string;
  kind: LimitedPauseKind;
  from: Instant;
  to?: Instant;
  reasonCode: string;
  reason: string;
}

export function pauseLimitDays(limits: PauseLimits, kind: LimitedPauseKind): number {
  switch (kind) {
    case 'suspension':
      return limits.suspensionDays;
    case 'supplement':
      return limits.supplementDays;
    case 'one-time-notice':
      return limits.oneTimeNoticeDays;
  }
}

/**
 * The thresholds of the open pauses: `pauseReminder:<key>` at the start of the limit's k-th last
 * working day, `pauseOverdue:<key>` at 24:00 of its last, `pauseFlag:<key>` at 24:00 of the
 * `flagAfterDays`-th working day. Counted like every limit, from the day after the pause
 * began; a pause that has ended has none (its cause is over).
 */
export function pauseThresholds(pauses: readonly LimitedPause[], limits: PauseLimits, calendar: WorkCalendar, now?: Instant): Threshold[] {
  const c = new Collector(calendarIndex(calendar), now);
  for (const pause of pauses) {
    if (pause.to !== undefined) continue;
    const startDay = localDayOf(c.index, pause.from);
    const days = pauseLimitDays(limits, pause.kind);
    if (limits.reminderDays > 0 && limits.reminderDays < days) {
      c.record(`pauseReminder:${pause.key}`, 'pauseReminder', pause.kind, c.day(startDay, days - limits.reminderDays + 1, []),
        (day) => Math.max(pause.from, c.startOf(day)));
    }
    c.record(`pauseOverdue:${pause.key}`, 'pauseOverdue', pause.kind, c.day(startDay, days, []), c.endOf);
    c.record(`pauseFlag:${pause.key}`, 'pauseFlag', pause.kind, c.day(startDay, limits.flagAfterDays, []), c.endOf);
  }
  return c.thresholds;
}

const ORDER: readonly ThresholdKind[] = ['pauseReminder', 'pauseOverdue', 'pauseFlag'];

/** The schedule with the pauses' thresholds added in order; the next timer is the first after `now`. */
export function withPauseThresholds(schedule: Schedule, thresholds: readonly Threshold[], now?: Instant): Schedule {
  if (thresholds.length === 0) return schedule;
  const all = [...schedule.thresholds, ...thresholds].sort((a, b) => a.at - b.at
    || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const next = (now === undefined ? all[0] : all.find((t) => t.at > now)) ?? null;
  return { ...schedule, thresholds: all, next };
}
