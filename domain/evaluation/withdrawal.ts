import type { Counts, RollupCounter } from '../statistics/counters';

/**
 * What taking one lateness fact back changes in the counters: its own counter one less, and
 * a late conclusion, found on time by the appeal, one more on time. Scores, statistics and
 * per-person figures all apply it.
 */
export function withdrawalDelta(counter: RollupCounter): Counts {
  return counter === 'concludedLate' ? { concludedLate: -1, concludedOnTime: 1 } : { [counter]: -1 };
}
