import { calendarIndex } from './calendar-index';
import { CalendarError, assertDayCount, assertInstant } from './errors';
import { localDayOf, startOfLocalDay, type Instant } from './local-date';
import type { WorkCalendar } from './schema';
import { provisionalMark, type Provisional } from './working-days';

/** An instant computed over the calendar, with its provisional mark. */
export type CalendarInstant = { at: Instant } & Provisional;

const MS_PER_HOUR = 3_600_000;

/** Rejects a warning hour outside the local day. */
export function assertWarningHour(hour: number): void {
  if (!Number.isFinite(hour) || hour < 0 || hour >= 24) {
    throw new CalendarError('invalid-hour', `warningHour must be within [0, 24), got ${hour}`);
  }
}

function nthDay(calendar: WorkCalendar, startedAt: Instant, days: number) {
  assertInstant(startedAt, 'startedAt');
  assertDayCount(days, 'days');
  const index = calendarIndex(calendar);
  const startDay = localDayOf(index, startedAt);
  const day = days === 0 ? startDay : index.nthWorkingAfter(startDay, days);
  return { index, day, mark: provisionalMark(index.provisionalYearsIn(startDay, day)) };
}

/**
 * The deadline of a limit of `days` working days that starts at `startedAt`.
 *
 * Counting rule: 行政许可法第八十二条 counts that law's limits (e.g. the 20 days of
 * 第四十二条) in working days, without public holidays; as for any period counted in days,
 * the day it starts is not counted (民法典第二百零一条) and its last day ends at 24:00
 * (第二百零三条). So the limit counts from the local day after `startedAt` and ends at
 * 24:00 local of the `days`-th working day; the result is the instant of 00:00 of the
 * following local day. A limit of 0 (即办) ends at 24:00 of the starting day. Working days
 * follow the calendar: holidays off, adjusted working days (调休) on.
 */
export function limitDeadline(calendar: WorkCalendar, startedAt: Instant, days: number): CalendarInstant {
  const { index, day, mark } = nthDay(calendar, startedAt, days);
  return { at: startOfLocalDay(index, day + 1), ...mark };
}

/**
 * The warning instant (预警): the start of the last working day of the limit plus
 * `warningHour` hours local, never before `startedAt` (a limit of 0 warns at once).
 */
export function lastWorkingDayStart(
  calendar: WorkCalendar,
  startedAt: Instant,
  days: number,
  warningHour = 0,
): CalendarInstant {
  assertWarningHour(warningHour);
  const { index, day, mark } = nthDay(calendar, startedAt, days);
  const at = startOfLocalDay(index, day) + Math.round(warningHour * MS_PER_HOUR);
  return { at: Math.max(at, startedAt), ...mark };
}

/** The yellow card (黄牌): overdue by one working day, i.e. the deadline of `days` + 1. */
export function yellowCardAt(calendar: WorkCalendar, startedAt: Instant, days: number): CalendarInstant {
  assertDayCount(days, 'days');
  return limitDeadline(calendar, startedAt, days + 1);
}

/**
 * The red card (红牌): still not concluded `graceDays` working days after the yellow card,
 * i.e. the deadline of `days` + 1 + `graceDays`.
 */
export function redCardAt(calendar: WorkCalendar, startedAt: Instant, days: number, graceDays: number): CalendarInstant {
  assertDayCount(days, 'days');
  assertDayCount(graceDays, 'graceDays');
  return limitDeadline(calendar, startedAt, days + 1 + graceDays);
}
