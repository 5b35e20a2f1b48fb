import { limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';

/** How far ahead of the receiver's clock a source system's clock may run. */
export const CLOCK_SKEW_MS = 60_000;

/** Working days a tracked system has to report an event unless configured otherwise. */
export const DEFAULT_REPORT_TOLERANCE_DAYS = 1;

export type ReportTiming =
  | { kind: 'future'; latestAcceptedAt: Instant }
  | { kind: 'timely'; effectiveAt: Instant }
  | { kind: 'late'; effectiveAt: Instant; occurredAt: Instant; receivedAt: Instant; reportDueAt: Instant };

/**
 * When an external event counts as having happened. A source reports an event by the end
 * of the `toleranceDays`-th working day after the day it occurred (counted like every limit,
 * `limitDeadline`); within that, the reported time stands. Reported later, the event counts
 * at its receipt: a conclusion reported late and backdated must not count as on time.
 * A time ahead of the receipt by more than the clock skew is impossible and refused.
 */
export function reportTiming(calendar: WorkCalendar, occurredAt: Instant, receivedAt: Instant, toleranceDays: number): ReportTiming {
  if (occurredAt > receivedAt + CLOCK_SKEW_MS) return { kind: 'future', latestAcceptedAt: receivedAt + CLOCK_SKEW_MS };
  const reportDueAt = limitDeadline(calendar, occurredAt, toleranceDays).at;
  if (receivedAt <= reportDueAt) return { kind: 'timely', effectiveAt: Math.min(occurredAt, receivedAt) };
  return { kind: 'late', effectiveAt: receivedAt, occurredAt, receivedAt, reportDueAt };
}
