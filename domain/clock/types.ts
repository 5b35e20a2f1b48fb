import type { Instant } from '../calendar/local-date';

/**
 * Why the processing clock stands still: the applicant is supplementing (补正), a special
 * procedure runs (特别程序, 行政许可法第四十五条), or the case is suspended (中止).
 */
export type PauseReason = 'supplement' | 'special-procedure' | 'suspension';

export const PAUSE_REASONS: readonly PauseReason[] = ['supplement', 'special-procedure', 'suspension'];

/** One entry of the pause ledger; open while `to` is absent. `ref` tells parallel pauses of one reason apart. */
export interface Pause {
  reason: PauseReason;
  from: Instant;
  to?: Instant;
  ref?: string;
}

/** A clock with its pause ledger; `startedAt` is null until the clock starts (e.g. before 受理). */
export interface ClockState {
  startedAt: Instant | null;
  stoppedAt?: Instant;
  pauses: Pause[];
}
