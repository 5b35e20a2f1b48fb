import {
  computeSchedule,
  defaultCalendar,
  limitsOf,
  localDateOf,
  startOfLocalDate,
  type Instant,
  type ItemInfo,
} from '../../../domain';

export type DayMark = 'start' | 'warning' | 'yellow' | 'red' | 'statutory';

export const calendar = defaultCalendar();
// End-of-day instants (24:00) belong to the day before them.
const dayOfEnd = (at: Instant) => localDateOf(calendar, at - 1);

/** The dates of the ladder for a case accepted on `startDate`, with this item's limits and the default calendar. */
export function previewSchedule(item: ItemInfo, startDate: string) {
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
