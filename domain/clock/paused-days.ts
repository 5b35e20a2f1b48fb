import type { CalendarIndex } from '../calendar/calendar-index';
import { localDayOf, type DayNumber } from '../calendar/local-date';
import type { Pause } from './types';

/**
 * Local days (after, through] during which the clock stood still; `through` is Infinity
 * while the pause is open.
 *
 * Rule: a pause from instant f to instant t stops the days in (day of f, day of t] — the
 * day a pause starts is counted in the limit, the day it ends is not, and a pause that
 * starts and ends on the same day stops nothing. Pauses overlapping in days, whatever
 * their reasons, are merged so that each day is counted once.
 */
export interface PausedDays {
  after: DayNumber;
  through: DayNumber;
}

/** The ledger as merged, ascending day intervals; `openUntil` closes open pauses (a stopped clock). */
export function pausedDays(index: CalendarIndex, pauses: readonly Pause[], openUntil?: number): PausedDays[] {
  const intervals: PausedDays[] = [];
  for (const pause of pauses) {
    const to = pause.to ?? openUntil;
    const after = localDayOf(index, pause.from);
    const through = to === undefined ? Number.POSITIVE_INFINITY : localDayOf(index, to);
    if (through > after) intervals.push({ after, through });
  }
  intervals.sort((a, b) => a.after - b.after);
  const merged: PausedDays[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.after <= last.through) last.through = Math.max(last.through, interval.through);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The local day on which a clock started on `startDay` has used `n` working days, the
 * paused days not counted; null when an open pause makes it unknown.
 *
 * A pause moves the day by the working days it stopped if it starts on or before the day
 * (a pause begun on the last day, before 24:00, still saves the limit); a pause that
 * starts later leaves the day alone, so a deadline already passed stays passed.
 */
export function usedDay(index: CalendarIndex, startDay: DayNumber, n: number, paused: readonly PausedDays[]): DayNumber | null {
  let day = n === 0 ? startDay : index.nthWorkingAfter(startDay, n);
  for (const interval of paused) {
    if (interval.through <= startDay) continue;
    const after = Math.max(interval.after, startDay);
    if (after > day) break;
    if (interval.through === Number.POSITIVE_INFINITY) return null;
    const stopped = index.workingIn(after, interval.through);
    if (stopped > 0) day = index.nthWorkingAfter(day, stopped);
  }
  return day;
}

/** Working days in (startDay, untilDay] that the ledger stopped. */
export function pausedWorkingDays(
  index: CalendarIndex,
  startDay: DayNumber,
  untilDay: DayNumber,
  paused: readonly PausedDays[],
): number {
  let total = 0;
  for (const interval of paused) {
    const after = Math.max(interval.after, startDay);
    const through = Math.min(interval.through, untilDay);
    if (through > after) total += index.workingIn(after, through);
  }
  return total;
}
