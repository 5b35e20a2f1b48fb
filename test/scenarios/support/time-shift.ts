import type { CalendarYear, LocalAdjustment, WorkCalendar } from '../../../domain/calendar/schema';

/**
 * Scenario dates are real dates ("accepted 2026-09-30"), but the time-skipping server's
 * clock starts at the real present and only moves forward. The runner therefore plays a
 * scenario 28·k years later: within 1901–2099 the Gregorian calendar repeats every 28
 * years exactly (10 227 days = 1 461 whole weeks, with the leap years in step), so every
 * date keeps its weekday, month and day, and the work calendar is shifted the same way
 * (each year's holidays and 调休 days to the same month and day 28·k years later).
 * Holidays, weekends, year boundaries and provisional years all line up.
 */
export const CYCLE_YEARS = 28;
export const CYCLE_MS = 10_227 * 86_400_000;

/** The smallest whole number of 28-year cycles that puts `start` at or after `serverNow`. */
export function cyclesFor(start: number, serverNow: number): number {
  return Math.max(0, Math.ceil((serverNow - start) / CYCLE_MS));
}

function shiftDate(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/** The calendar as the server sees it: every year and date moved by `cycles` × 28 years. */
export function shiftCalendar(calendar: WorkCalendar, cycles: number): WorkCalendar {
  const years = cycles * CYCLE_YEARS;
  if (years === 0) return calendar;
  return {
    ...calendar,
    years: calendar.years.map((y): CalendarYear => ({
      ...y, year: y.year + years, holidays: y.holidays.map((d) => shiftDate(d, years)), workdays: y.workdays.map((d) => shiftDate(d, years)),
    })),
    adjustments: calendar.adjustments.map((a): LocalAdjustment => ({ ...a, date: shiftDate(a.date, years) })),
  };
}
