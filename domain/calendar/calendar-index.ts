import { CalendarError } from './errors';
import { daysFromCivil, isWeekday, parseLocalDate, weekdayAt, weekdaysBefore, yearOfDay, type DayNumber } from './local-date';
import type { WorkCalendar } from './schema';

/**
 * A work calendar prepared for O(1) counting: the number of working days before any day is
 * the Monday–Friday count plus a running correction for the days the calendar overrides.
 * Outside the overridden range the correction is constant, so any year works.
 */
export interface CalendarIndex {
  readonly utcOffsetMinutes: number;
  /** Working days before `day`, from a fixed origin; differences count working days. */
  workingBefore(day: DayNumber): number;
  isWorking(day: DayNumber): boolean;
  /** Working days in the half-open range (from, to]; negative when `to` < `from`. */
  workingIn(from: DayNumber, to: DayNumber): number;
  /** The n-th working day after `day` (n ≥ 1). */
  nthWorkingAfter(day: DayNumber, n: number): DayNumber;
  /** Years touched by (from, to] that have no published data, ascending. */
  provisionalYearsIn(from: DayNumber, to: DayNumber): number[];
}

const OFF = 0;
const ON = 1;
const UNSET = 2;

// Keyed by identity: a calendar is treated as immutable, a changed one is a new object.
const memo = new WeakMap<WorkCalendar, CalendarIndex>();

/** The memoised index of a calendar. */
export function calendarIndex(calendar: WorkCalendar): CalendarIndex {
  let index = memo.get(calendar);
  if (!index) {
    index = buildIndex(calendar);
    memo.set(calendar, index);
  }
  return index;
}

function collectOverrides(calendar: WorkCalendar): { overrides: Map<DayNumber, boolean>; published: Set<number> } {
  const overrides = new Map<DayNumber, boolean>();
  const published = new Set<number>();
  for (const year of calendar.years) {
    // A draft year counts Monday–Friday until it is published.
    if (!year.published) continue;
    published.add(year.year);
    for (const date of year.holidays) overrides.set(parseLocalDate(date), false);
    for (const date of year.workdays) overrides.set(parseLocalDate(date), true);
  }
  for (const adjustment of calendar.adjustments) overrides.set(parseLocalDate(adjustment.date), adjustment.working);
  return { overrides, published };
}

/** Day ranges of consecutive published years. */
function publishedRuns(published: Set<number>): { from: DayNumber; to: DayNumber }[] {
  const runs: { from: DayNumber; to: DayNumber }[] = [];
  const years = [...published].sort((a, b) => a - b);
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (years[j + 1] === (years[j] ?? 0) + 1) j++;
    runs.push({ from: daysFromCivil(years[i] ?? 0, 1, 1), to: daysFromCivil((years[j] ?? 0) + 1, 1, 1) - 1 });
    i = j + 1;
  }
  return runs;
}

function buildIndex(calendar: WorkCalendar): CalendarIndex {
  const offset = calendar.utcOffsetMinutes;
  if (!Number.isInteger(offset) || Math.abs(offset) > 840) {
    throw new CalendarError('invalid-offset', `utcOffsetMinutes must be a whole number within ±840, got ${offset}`);
  }
  const { overrides, published } = collectOverrides(calendar);
  const days = [...overrides.keys()];
  const lo = days.length ? Math.min(...days) : 0;
  const hi = days.length ? Math.max(...days) : -1;
  const size = hi - lo + 1;
  const status = new Uint8Array(Math.max(size, 0)).fill(UNSET);
  // correction[i]: overrides' effect on the working days before day lo + i.
  const correction = new Int32Array(Math.max(size + 1, 1));
  for (const [day, working] of overrides) status[day - lo] = working ? ON : OFF;
  for (let i = 0; i < size; i++) {
    const s = status[i];
    const weekday = isWeekday(lo + i) ? 1 : 0;
    const delta = s === UNSET ? 0 : (s === ON ? 1 : 0) - weekday;
    correction[i + 1] = (correction[i] ?? 0) + delta;
  }
  const totalCorrection = correction[Math.max(size, 0)] ?? 0;

  const workingBefore = (day: DayNumber): number => {
    const base = weekdaysBefore(day);
    if (day <= lo) return base;
    if (day > hi) return base + totalCorrection;
    return base + (correction[day - lo] ?? 0);
  };
  const isWorking = (day: DayNumber): boolean => {
    const s = day >= lo && day <= hi ? status[day - lo] : UNSET;
    return s === UNSET ? isWeekday(day) : s === ON;
  };
  // workingDays[k]: the working day with workingBefore() === firstIndex + k, inside [lo, hi].
  const firstIndex = workingBefore(lo);
  const workingDays: number[] = [];
  for (let day = lo; day <= hi; day++) if (isWorking(day)) workingDays.push(day);
  const nthWorkingAfter = (day: DayNumber, n: number): DayNumber => {
    const target = workingBefore(day + 1) + n - 1;
    const k = target - firstIndex;
    if (k >= 0 && k < workingDays.length) return workingDays[k] ?? Number.NaN;
    // Outside the overridden range every weekday works: invert the Monday–Friday count.
    return weekdayAt(k < 0 ? target : target - totalCorrection);
  };
  const runs = publishedRuns(published);
  const provisionalYearsIn = (from: DayNumber, to: DayNumber): number[] => {
    const years: number[] = [];
    if (to <= from) return years;
    // Fast path: the whole range lies in consecutive published years.
    for (const run of runs) if (from + 1 >= run.from && to <= run.to) return years;
    const last = yearOfDay(to);
    for (let y = yearOfDay(from + 1); y <= last; y++) if (!published.has(y)) years.push(y);
    return years;
  };
  return {
    utcOffsetMinutes: offset,
    workingBefore,
    isWorking,
    workingIn: (from, to) => workingBefore(to + 1) - workingBefore(from + 1),
    nthWorkingAfter,
    provisionalYearsIn,
  };
}
