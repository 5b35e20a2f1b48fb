import type { CalendarIndex } from '../calendar/calendar-index';
import { localDayOf, startOfLocalDay, type DayNumber, type Instant } from '../calendar/local-date';
import { pausedWorkingDays, usedDay, type PausedDays } from '../clock/paused-days';
import { PAUSE_REASONS, type ClockState } from '../clock/types';
import type { ProcessingStatus, SuspendedThreshold, Threshold, ThresholdKind } from './types';

/** A day found on a clock, with whether unpublished years were counted to reach it. */
export interface FoundDay {
  day: DayNumber;
  provisional: boolean;
}

/** Collects a schedule's thresholds and the unpublished years they were computed over. */
export class Collector {
  readonly thresholds: Threshold[] = [];
  readonly suspended: SuspendedThreshold[] = [];
  readonly years = new Set<number>();

  constructor(
    readonly index: CalendarIndex,
    readonly now: Instant | undefined,
  ) {}

  /** The day `n` working days into a clock started on `startDay`; null while an open pause hides it. */
  day(startDay: DayNumber, n: number, paused: readonly PausedDays[]): FoundDay | null {
    const day = usedDay(this.index, startDay, n, paused);
    if (day === null) return null;
    return { day, provisional: this.note(startDay, day) };
  }

  /** Notes the unpublished years in (from, to]; true when there are any. */
  note(from: DayNumber, to: DayNumber): boolean {
    const years = this.index.provisionalYearsIn(from, to);
    for (const year of years) this.years.add(year);
    return years.length > 0;
  }

  /** Records a threshold at `atOf(found.day)`, or as suspended when `found` is null. */
  record(key: string, kind: ThresholdKind, ref: string | undefined, found: FoundDay | null,
    atOf: (day: DayNumber) => Instant): void {
    if (!found) {
      this.suspended.push(ref === undefined ? { key, kind } : { key, kind, ref });
      return;
    }
    const at = atOf(found.day);
    const due = this.now !== undefined && at <= this.now;
    this.thresholds.push(ref === undefined
      ? { key, kind, at, provisional: found.provisional, due }
      : { key, kind, at, provisional: found.provisional, ref, due });
  }

  /** 24:00 local of a day, i.e. the next day's start. */
  readonly endOf = (day: DayNumber): Instant => startOfLocalDay(this.index, day + 1);

  /** 00:00 local of a day. */
  readonly startOf = (day: DayNumber): Instant => startOfLocalDay(this.index, day);
}

/** The processing clock at its stop, or at `now` while it runs. */
export function processingStatus(c: Collector, clock: ClockState, startDay: DayNumber,
  paused: readonly PausedDays[], promisedDays: number): ProcessingStatus {
  const stopped = clock.stoppedAt !== undefined;
  const pauseReasons = stopped
    ? []
    : PAUSE_REASONS.filter((r) => clock.pauses.some((p) => p.reason === r && p.to === undefined));
  const flags = { paused: pauseReasons.length > 0, pauseReasons, stopped };
  const refAt = clock.stoppedAt ?? c.now;
  if (refAt === undefined) return { workingDaysUsed: 0, pausedWorkingDays: 0, workingDaysRemaining: null, ...flags };
  const refDay = Math.max(localDayOf(c.index, refAt), startDay);
  c.note(startDay, refDay);
  const stoppedDays = pausedWorkingDays(c.index, startDay, refDay, paused);
  const used = c.index.workingIn(startDay, refDay) - stoppedDays;
  return { workingDaysUsed: used, pausedWorkingDays: stoppedDays, workingDaysRemaining: promisedDays - used, ...flags };
}
