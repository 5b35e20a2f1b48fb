import { civilFromDays, localDayOf, type Instant } from './local-date';

/** From this month (November) on, next year's calendar is missed when it is not published. */
const NOTICE_MONTH = 11;

/**
 * The year whose calendar should be published by now and is not: from 1 November (local),
 * next year unless it is published. Every deadline that crosses into that year counts
 * Monday–Friday there and is provisional (the schedule's `provisional`, the same published
 * years decide it); null when nothing is missing.
 */
export function missingNextYear(calendar: { utcOffsetMinutes: number; years: readonly { year: number; published: boolean }[] }, now: Instant): number | null {
  const today = civilFromDays(localDayOf(calendar, now));
  if (today.month < NOTICE_MONTH) return null;
  const next = today.year + 1;
  return calendar.years.some((y) => y.year === next && y.published) ? null : next;
}
