import data from 'chinese-days/dist/chinese-days.json';
import { CalendarError } from './errors';
import type { CalendarYear, WorkCalendar } from './schema';

/** Names the data set so a published year's origin can be traced. */
export const CHINESE_DAYS_SOURCE = 'chinese-days 1.5.7 (国务院办公厅 holiday notices)';

function yearsFromData(): CalendarYear[] {
  const byYear = new Map<number, CalendarYear>();
  const yearOf = (date: string): CalendarYear => {
    const year = Number(date.slice(0, 4));
    let entry = byYear.get(year);
    if (!entry) {
      entry = { year, holidays: [], workdays: [], published: true, source: CHINESE_DAYS_SOURCE };
      byYear.set(year, entry);
    }
    return entry;
  };
  // `inLieuDays` only names which holidays were bought with 调休; they are already in `holidays`.
  for (const date of Object.keys(data.holidays).sort()) yearOf(date).holidays.push(date);
  for (const date of Object.keys(data.workdays).sort()) yearOf(date).workdays.push(date);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

const cache = new Map<string, WorkCalendar>();

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child as object);
  return Object.freeze(value);
}

/**
 * Mainland China's work calendar for the years `chinese-days` covers (2004–2026), with no
 * local adjustments. Later years are absent, so they count Monday–Friday, provisionally,
 * until an administrator publishes them. The result is frozen and shared, which also keeps
 * the arithmetic's per-calendar index warm.
 * Zones with daylight saving time are not supported: give the zone's fixed offset.
 */
export function defaultCalendar(opts: { timeZone?: string; utcOffsetMinutes?: number } = {}): WorkCalendar {
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const utcOffsetMinutes = opts.utcOffsetMinutes ?? 480;
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 840) {
    throw new CalendarError('invalid-offset', `utcOffsetMinutes must be a whole number within ±840, got ${utcOffsetMinutes}`);
  }
  const key = `${timeZone}|${utcOffsetMinutes}`;
  let calendar = cache.get(key);
  if (!calendar) {
    calendar = deepFreeze({ timeZone, utcOffsetMinutes, years: yearsFromData(), adjustments: [] });
    cache.set(key, calendar);
  }
  return calendar;
}
