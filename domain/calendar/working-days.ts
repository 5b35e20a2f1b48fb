import { calendarIndex } from './calendar-index';
import { assertDayCount, assertInstant } from './errors';
import { formatLocalDate, localDayOf, parseLocalDate, type Instant, type LocalDate } from './local-date';
import type { WorkCalendar } from './schema';

/**
 * Every calendar result carries this: a year without published data counts Monday–Friday,
 * and what was computed over it may change once that year is published.
 */
export interface Provisional {
  provisional: boolean;
  /** The unpublished years the result was computed over, ascending. */
  provisionalYears: number[];
}

/** Builds the provisional mark from the years touched. */
export function provisionalMark(provisionalYears: number[]): Provisional {
  return { provisional: provisionalYears.length > 0, provisionalYears };
}

/**
 * Whether a local date is a working day: a local adjustment decides first, then a published
 * year's holidays and adjusted working days (调休), then Monday–Friday.
 * A bare predicate; use {@link workingDayStatus} when it matters that the year is unpublished.
 */
export function isWorkingDay(calendar: WorkCalendar, date: LocalDate): boolean {
  return calendarIndex(calendar).isWorking(parseLocalDate(date));
}

/** {@link isWorkingDay} with the provisional mark of the date's year. */
export function workingDayStatus(calendar: WorkCalendar, date: LocalDate): { working: boolean } & Provisional {
  const index = calendarIndex(calendar);
  const day = parseLocalDate(date);
  return { working: index.isWorking(day), ...provisionalMark(index.provisionalYearsIn(day - 1, day)) };
}

/**
 * The n-th working day after `date`, counting from the next day (n = 0 gives `date` itself).
 * Inverse of {@link workingDaysBetween}: the count over (date, result] is n.
 */
export function addWorkingDays(calendar: WorkCalendar, date: LocalDate, n: number): { date: LocalDate } & Provisional {
  assertDayCount(n, 'n');
  const index = calendarIndex(calendar);
  const from = parseLocalDate(date);
  const to = n === 0 ? from : index.nthWorkingAfter(from, n);
  return { date: formatLocalDate(to), ...provisionalMark(index.provisionalYearsIn(from, to)) };
}

/**
 * Working days from the local day after `from` up to and including the local day of `to`,
 * the way a period counted in days is counted (the starting day is not counted).
 * Negative when `to` falls on an earlier day than `from`.
 */
export function workingDaysBetween(calendar: WorkCalendar, from: Instant, to: Instant): { days: number } & Provisional {
  assertInstant(from, 'from');
  assertInstant(to, 'to');
  const index = calendarIndex(calendar);
  const a = localDayOf(index, from);
  const b = localDayOf(index, to);
  const years = a <= b ? index.provisionalYearsIn(a, b) : index.provisionalYearsIn(b, a);
  return { days: index.workingIn(a, b), ...provisionalMark(years) };
}
