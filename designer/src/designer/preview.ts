import {
  computeSchedule,
  limitsOf,
  localDateOf,
  startOfLocalDate,
  type Instant,
  type ItemInfo,
  type WorkCalendar,
} from '../../../domain';
import { api } from '../api/client';

export type DayMark = 'start' | 'warning' | 'yellow' | 'red' | 'statutory';

/** Years of the calendar read for a preview: a limit of a few hundred working days stays inside. */
const YEARS_AHEAD = 3;

/** The work calendar in force as the API publishes it (national years, published years, local adjustments), from `year` on. */
export function readCalendar(year: number): Promise<WorkCalendar> {
  return api<WorkCalendar>('/calendar', { query: { from: year, to: year + YEARS_AHEAD } });
}

/**
 * The dates of the ladder for a case accepted on `startDate`: this item's limits mapped by the
 * domain's `limitsOf`, as the case workflow maps them, on the calendar the API publishes.
 */
export function previewSchedule(item: ItemInfo, startDate: string, calendar: WorkCalendar) {
  // End-of-day instants (24:00) belong to the day before them.
  const dayOfEnd = (at: Instant) => localDateOf(calendar, at - 1);
  const startedAt = startOfLocalDate(calendar, startDate) + 9 * 3_600_000;
  const schedule = computeSchedule(
    {
      limits: limitsOf(item),
      processing: { startedAt, pauses: [] },
    },
    calendar,
  );
  const at = (key: string) => schedule.thresholds.find((th) => th.key === key)?.at;
  const marks = new Map<string, DayMark>();
  marks.set(startDate, 'start');
  const warning = at('warning');
  const yellow = at('yellowCard');
  const red = at('redCard');
  if (schedule.statutoryDeadline !== null) marks.set(dayOfEnd(schedule.statutoryDeadline), 'statutory');
  if (warning !== undefined) marks.set(localDateOf(calendar, warning), 'warning');
  if (yellow !== undefined) marks.set(dayOfEnd(yellow), 'yellow');
  if (red !== undefined) marks.set(dayOfEnd(red), 'red');
  return {
    marks,
    warning: warning === undefined ? null : localDateOf(calendar, warning),
    deadline: schedule.deadline === null ? null : dayOfEnd(schedule.deadline),
    yellow: yellow === undefined ? null : dayOfEnd(yellow),
    red: red === undefined ? null : dayOfEnd(red),
    statutory: schedule.statutoryDeadline === null ? null : dayOfEnd(schedule.statutoryDeadline),
    provisional: schedule.provisional,
  };
}
