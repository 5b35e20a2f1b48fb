import { calendarIndex } from '../calendar/calendar-index';
import { assertWarningHour } from '../calendar/deadlines';
import { assertDayCount, assertInstant } from '../calendar/errors';
import { localDayOf, type Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import { pausedDays, type PausedDays } from '../clock/paused-days';
import { Collector, processingStatus } from './collector';
import type { AlertLevel, ProcessingStatus, Schedule, ScheduleInput, ThresholdKind } from './types';

const KIND_ORDER: readonly ThresholdKind[] = [
  'warning', 'yellowCard', 'redCard', 'stepReminder', 'stepOverdue', 'supplementNoticeOverdue',
  'specialProcedureOverdue',
];
const MS_PER_HOUR = 3_600_000;

function validate(input: ScheduleInput): void {
  const { limits } = input;
  assertDayCount(limits.promisedDays, 'promisedDays');
  assertDayCount(limits.statutoryDays, 'statutoryDays');
  assertDayCount(limits.redCardGraceDays, 'redCardGraceDays');
  assertDayCount(limits.supplementNoticeDays ?? 5, 'supplementNoticeDays');
  assertDayCount(limits.stepReminderDays ?? 1, 'stepReminderDays');
  assertWarningHour(limits.warningHour ?? 0);
  if (input.now !== undefined) assertInstant(input.now, 'now');
  for (const step of input.steps ?? []) assertDayCount(step.limitDays, `limitDays of step ${step.key}`);
  for (const sp of input.specialProcedures ?? []) assertDayCount(sp.limitDays, `limitDays of ${sp.key}`);
}

/**
 * The schedule of a case: every threshold of its running clocks, the alert level at `now`,
 * its deadlines and the state of the processing clock. Pure and deterministic: the API's
 * deadline preview and the workflow's timers both call it and must agree.
 *
 * Counting follows `limitDeadline`: from the local day after a clock starts to 24:00 of the
 * N-th working day. Pauses of the processing clock follow {@link PausedDays} and move its
 * deadlines, and those of open steps, by the working days they stop (行政许可法第四十五条:
 * the time of special procedures is not counted). Warning: the start of the promised limit's
 * last working day plus `warningHour`. Yellow card: the deadline of N + 1. Red card: the
 * deadline of N + 1 + redCardGraceDays. Supplement notice: `supplementNoticeDays` from
 * submission (第三十二条), until resolved or accepted. A threshold an open pause may still
 * move is listed in `suspended` instead; one it can no longer move (already passed when the
 * pause began) stays in `thresholds`.
 */
export function computeSchedule(input: ScheduleInput, calendar: WorkCalendar): Schedule {
  validate(input);
  const { limits, processing } = input;
  const c = new Collector(calendarIndex(calendar), input.now);
  let paused: PausedDays[] = [];
  let deadline: Instant | null = null;
  let statutoryDeadline: Instant | null = null;
  let status: ProcessingStatus | null = null;

  if (processing && processing.startedAt !== null) {
    const startedAt = processing.startedAt;
    const startDay = localDayOf(c.index, startedAt);
    const n = limits.promisedDays;
    paused = pausedDays(c.index, processing.pauses, processing.stoppedAt);
    status = processingStatus(c, processing, startDay, paused, n);
    const end = c.day(startDay, n, paused);
    const statutoryEnd = c.day(startDay, limits.statutoryDays, paused);
    deadline = end && c.endOf(end.day);
    statutoryDeadline = statutoryEnd && c.endOf(statutoryEnd.day);
    if (processing.stoppedAt === undefined) {
      const hourMs = Math.round((limits.warningHour ?? 0) * MS_PER_HOUR);
      const yellow = c.day(startDay, n + 1, paused);
      const red = c.day(startDay, n + 1 + limits.redCardGraceDays, paused);
      c.record('warning', 'warning', undefined, end, (day) => Math.max(startedAt, c.startOf(day) + hourMs));
      c.record('yellowCard', 'yellowCard', undefined, yellow, c.endOf);
      c.record('redCard', 'redCard', undefined, red, c.endOf);
    }
  }
  if (processing?.stoppedAt === undefined) {
    const reminderDays = limits.stepReminderDays ?? 1;
    for (const step of input.steps ?? []) {
      if (step.completedAt !== undefined) continue;
      const startDay = localDayOf(c.index, step.startedAt);
      if (reminderDays > 0) {
        const last = c.day(startDay, Math.max(step.limitDays - reminderDays + 1, 0), paused);
        c.record(`stepReminder:${step.key}`, 'stepReminder', step.nodeId, last,
          (day) => Math.max(step.startedAt, c.startOf(day)));
      }
      const end = c.day(startDay, step.limitDays, paused);
      c.record(`stepOverdue:${step.key}`, 'stepOverdue', step.nodeId, end, c.endOf);
    }
  }
  for (const sp of input.specialProcedures ?? []) {
    if (sp.endedAt !== undefined) continue;
    const end = c.day(localDayOf(c.index, sp.startedAt), sp.limitDays, []);
    c.record(`specialProcedureOverdue:${sp.key}`, 'specialProcedureOverdue', sp.kind, end, c.endOf);
  }
  const accepted = processing !== undefined && processing.startedAt !== null;
  if (input.submittedAt !== undefined && input.supplementNoticeResolvedAt === undefined && !accepted) {
    const end = c.day(localDayOf(c.index, input.submittedAt), limits.supplementNoticeDays ?? 5, []);
    c.record('supplementNoticeOverdue', 'supplementNoticeOverdue', undefined, end, c.endOf);
  }
  return finish(c, deadline, statutoryDeadline, status);
}

function finish(c: Collector, deadline: Instant | null, statutoryDeadline: Instant | null,
  processing: ProcessingStatus | null): Schedule {
  // Ties break on the ladder's order, then the key, so equal inputs give equal schedules.
  const thresholds = c.thresholds.sort((a, b) => a.at - b.at
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const now = c.now;
  const next = (now === undefined ? thresholds[0] : thresholds.find((t) => t.at > now)) ?? null;
  const due = (kind: ThresholdKind) => thresholds.some((t) => t.kind === kind && t.due);
  const alertLevel: AlertLevel =
    due('redCard') ? 'red' : due('yellowCard') ? 'yellow' : due('warning') ? 'warning' : 'normal';
  const provisionalYears = [...c.years].sort((a, b) => a - b);
  return {
    thresholds, next, alertLevel, deadline, statutoryDeadline, processing,
    suspended: c.suspended, provisional: provisionalYears.length > 0, provisionalYears,
  };
}
