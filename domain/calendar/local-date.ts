import { CalendarError, assertInstant } from './errors';

/** A point in time: epoch milliseconds, UTC. */
export type Instant = number;
/** A calendar day in the work calendar's zone, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A local day counted from 1970-01-01 (day 0); what the arithmetic works on. */
export type DayNumber = number;

/** The part of a work calendar that fixes where local days begin. */
export interface ZoneOffset {
  utcOffsetMinutes: number;
}

export const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil).
 * Integer arithmetic only, so the result never depends on the host's zone or ICU.
 */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The year a day number falls in. */
export function yearOfDay(dayNumber: DayNumber): number {
  return civilFromDays(dayNumber).year;
}

/** Parses 'YYYY-MM-DD' and rejects impossible dates such as '2026-02-30'. */
export function parseLocalDate(date: LocalDate): DayNumber {
  const m = LOCAL_DATE.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dayNumber = daysFromCivil(year, month, day);
    const back = civilFromDays(dayNumber);
    if (back.year === year && back.month === month && back.day === day) return dayNumber;
  }
  throw new CalendarError('invalid-date', `not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
}

/** Formats a day number as 'YYYY-MM-DD'. */
export function formatLocalDate(dayNumber: DayNumber): LocalDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local day an instant falls on, in a zone with a fixed UTC offset. */
export function localDayOf(zone: ZoneOffset, at: Instant): DayNumber {
  assertInstant(at, 'instant');
  return Math.floor((at + zone.utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
}

/** The instant a local day begins (00:00 local). */
export function startOfLocalDay(zone: ZoneOffset, dayNumber: DayNumber): Instant {
  return dayNumber * MS_PER_DAY - zone.utcOffsetMinutes * MS_PER_MINUTE;
}

/** The local date an instant falls on. */
export function localDateOf(zone: ZoneOffset, at: Instant): LocalDate {
  return formatLocalDate(localDayOf(zone, at));
}

/** The instant a local date begins (00:00 local). */
export function startOfLocalDate(zone: ZoneOffset, date: LocalDate): Instant {
  return startOfLocalDay(zone, parseLocalDate(date));
}

/** Monday to Friday; 1970-01-01 (day 0) was a Thursday. */
export function isWeekday(dayNumber: DayNumber): boolean {
  return (((dayNumber + 3) % 7) + 7) % 7 < 5;
}

/** Count of Mondays to Fridays before `dayNumber`, from a fixed Monday origin; differences give weekdays in a range. */
export function weekdaysBefore(dayNumber: DayNumber): number {
  const s = dayNumber + 3;
  const weeks = Math.floor(s / 7);
  return weeks * 5 + Math.min(s - weeks * 7, 5);
}

/** The weekday `k` weekdays after the Monday origin: the inverse of {@link weekdaysBefore}. */
export function weekdayAt(k: number): DayNumber {
  const weeks = Math.floor(k / 5);
  return weeks * 7 + (k - weeks * 5) - 3;
}
