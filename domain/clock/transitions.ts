import type { Instant } from '../calendar/local-date';
import { ClockError } from './errors';
import type { ClockState, Pause, PauseReason } from './types';

function assertInstant(at: Instant): void {
  if (!Number.isSafeInteger(at)) throw new ClockError('invalid-instant', `not epoch milliseconds: ${at}`);
}

/** The latest instant the ledger knows of; a transition may not go before it. */
function lastEventAt(clock: ClockState): Instant {
  let last = clock.startedAt ?? Number.NEGATIVE_INFINITY;
  for (const pause of clock.pauses) last = Math.max(last, pause.from, pause.to ?? pause.from);
  return Math.max(last, clock.stoppedAt ?? last);
}

function assertRunning(clock: ClockState, at: Instant, action: string): void {
  assertInstant(at);
  if (clock.startedAt === null) throw new ClockError('not-started', `cannot ${action}: the clock has not started`);
  if (clock.stoppedAt !== undefined) throw new ClockError('already-stopped', `cannot ${action}: the clock has stopped`);
  const last = lastEventAt(clock);
  if (at < last) throw new ClockError('time-backwards', `cannot ${action} at ${at}: the ledger already reaches ${last}`);
}

/** Open pauses in ledger order. */
export function openPauses(clock: ClockState): Pause[] {
  return clock.pauses.filter((pause) => pause.to === undefined);
}

/** A clock started at `at` (受理 for the processing clock), with an empty ledger. */
export function startClock(at: Instant): ClockState {
  assertInstant(at);
  return { startedAt: at, pauses: [] };
}

/**
 * Opens a pause. Pauses of different reasons (or refs) may overlap — their working days are
 * counted once — but the same reason and ref cannot be opened twice.
 */
export function pauseClock(clock: ClockState, reason: PauseReason, at: Instant, ref?: string): ClockState {
  assertRunning(clock, at, `pause for ${reason}`);
  if (openPauses(clock).some((p) => p.reason === reason && p.ref === ref)) {
    throw new ClockError('already-paused', `a ${reason} pause${ref ? ` (${ref})` : ''} is already open`);
  }
  const pause: Pause = ref === undefined ? { reason, from: at } : { reason, from: at, ref };
  return { ...clock, pauses: [...clock.pauses, pause] };
}

/**
 * Closes the open pause of `reason` (and `ref` when given; without `ref` the reason must
 * have exactly one open pause).
 */
export function resumeClock(clock: ClockState, reason: PauseReason, at: Instant, ref?: string): ClockState {
  assertRunning(clock, at, `resume ${reason}`);
  const matches = clock.pauses
    .map((pause, i) => ({ pause, i }))
    .filter(({ pause }) => pause.to === undefined && pause.reason === reason && (ref === undefined || pause.ref === ref));
  const match = matches[0];
  if (!match) throw new ClockError('not-paused', `no open ${reason} pause${ref ? ` (${ref})` : ''} to resume`);
  if (matches.length > 1) throw new ClockError('ambiguous-resume', `several ${reason} pauses are open: name the ref`);
  const pauses = clock.pauses.map((pause, i) => (i === match.i ? { ...pause, to: at } : pause));
  return { ...clock, pauses };
}

/**
 * Stops the clock (办结, 终止, 不予受理). Pauses still open end at the same instant, so a
 * case terminated while suspended keeps a closed ledger.
 */
export function stopClock(clock: ClockState, at: Instant): ClockState {
  assertRunning(clock, at, 'stop');
  const pauses = clock.pauses.map((pause) => (pause.to === undefined ? { ...pause, to: at } : pause));
  return { ...clock, stoppedAt: at, pauses };
}
