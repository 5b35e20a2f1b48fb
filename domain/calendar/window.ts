import { assertInstant } from './errors';
import { localDayOf, yearOfDay, type Instant } from './local-date';
import type { WorkCalendar } from './schema';

/**
 * The part of a calendar that a workflow started at `since` can read: its years from the one
 * before the local year of `since` on, and the local adjustments in them. Every count of working
 * days over a range that begins after the cut is the same on both (the day index corrects only
 * within the days a calendar overrides: ./calendar-index), and so is every provisional mark
 * (a year before the cut is never touched). The year kept before the cut covers a start just
 * after New Year and an external report backdated within its tolerance.
 *
 * A workflow's calendar travels in its start input, which the worker keeps for as long as the
 * run is cached: the national data of 2004–2026 is about 12.6 KB of JSON, the part from the
 * year before a case is submitted about 1 KB. The same input is returned when nothing is cut.
 */
export function calendarSince(calendar: WorkCalendar, since: Instant): WorkCalendar {
  assertInstant(since, 'since');
  return calendarYears(calendar, { from: yearOfDay(localDayOf(calendar, since)) - 1 });
}

/**
 * A calendar's years from `from` to `to` (both included; either left open), with the local
 * adjustments that fall in them. The same input is returned when every year is in range.
 */
export function calendarYears(calendar: WorkCalendar, range: { from?: number | undefined; to?: number | undefined }): WorkCalendar {
  const inRange = (year: number) => (range.from === undefined || year >= range.from) && (range.to === undefined || year <= range.to);
  const yearOfDate = (date: string) => Number(date.slice(0, 4));
  if (calendar.years.every((y) => inRange(y.year)) && calendar.adjustments.every((a) => inRange(yearOfDate(a.date)))) return calendar;
  return {
    ...calendar,
    years: calendar.years.filter((y) => inRange(y.year)),
    adjustments: calendar.adjustments.filter((a) => inRange(yearOfDate(a.date))),
  };
}
