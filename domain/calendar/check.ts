import { CalendarError } from './errors';
import { isWeekday, parseLocalDate } from './local-date';
import type { WorkCalendar } from './schema';

/** One finding of {@link checkWorkCalendar}; `path` is a JSON pointer into the calendar. */
export interface CalendarIssue {
  path: string;
  message: string;
}

function checkDate(date: string, year: number | null, path: string, issues: CalendarIssue[]): number | null {
  try {
    const day = parseLocalDate(date);
    if (year !== null && Number(date.slice(0, 4)) !== year) issues.push({ path, message: `${date} is not in ${year}` });
    return day;
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    issues.push({ path, message: `${date} is not a calendar date` });
    return null;
  }
}

/**
 * Checks what the JSON Schema cannot: real dates, dates inside their year, one entry per
 * year, no day both a holiday and a working day, no 调休 working day that is already a
 * weekday. Run it after the schema; an empty list means the calendar can be published.
 */
export function checkWorkCalendar(calendar: WorkCalendar): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seenYears = new Set<number>();
  calendar.years.forEach((entry, i) => {
    if (seenYears.has(entry.year)) issues.push({ path: `/years/${i}/year`, message: `${entry.year} appears twice` });
    seenYears.add(entry.year);
    const holidays = new Set(entry.holidays);
    entry.holidays.forEach((date, j) => checkDate(date, entry.year, `/years/${i}/holidays/${j}`, issues));
    entry.workdays.forEach((date, j) => {
      const path = `/years/${i}/workdays/${j}`;
      const day = checkDate(date, entry.year, path, issues);
      if (holidays.has(date)) issues.push({ path, message: `${date} is both a holiday and a working day` });
      else if (day !== null && isWeekday(day)) issues.push({ path, message: `${date} is a weekday already` });
    });
  });
  const seenAdjustments = new Set<string>();
  calendar.adjustments.forEach((adjustment, i) => {
    const path = `/adjustments/${i}/date`;
    checkDate(adjustment.date, null, path, issues);
    if (seenAdjustments.has(adjustment.date)) issues.push({ path, message: `${adjustment.date} is adjusted twice` });
    seenAdjustments.add(adjustment.date);
  });
  return issues;
}
