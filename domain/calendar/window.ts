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
  const first = yearOfDay(localDayOf(calendar, since)) - 1;
  const kept = (year: number) => year >= first;
  const yearOfDate = (date: string) => Number(date.slice(0, 4));
  if (calendar.years.every((y) => kept(y.year)) && calendar.adjustments.every((a) => kept(yearOfDate(a.date)))) return calendar;
  return {
    ...calendar,
    years: calendar.years.filter((y) => kept(y.year)),
    adjustments: calendar.adjustments.filter((a) => kept(yearOfDate(a.date))),
  };
}
