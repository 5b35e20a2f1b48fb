import type { AlertLevel } from '../ladder/types';
import type { Instant } from '../calendar/local-date';

/** Most urgent first: a red card, a yellow card, a warning, then the rest. */
const LEVEL_RANK: Record<AlertLevel, number> = { red: 0, yellow: 1, warning: 2, normal: 3 };
/** Concluded cases come after every open one: they are done, not "normal". */
const CONCLUDED_RANK = 4;
/** Wide enough for any epoch-millisecond instant up to the year 33658, so the text sorts as the number does. */
const INSTANT_DIGITS = 15;
/** Sorts after every digit: an open case whose deadline is unknown (paused, not yet accepted) comes after those with one. */
const NO_DEADLINE = '~';

/** What urgency is judged on: a case as its read model has it. */
export interface UrgencyInput {
  status: string;
  alertLevel: AlertLevel;
  deadline: Instant | null;
}

/**
 * A case's urgency as one text that sorts most urgent first — red, yellow, warning, normal,
 * concluded; within a level the nearest deadline first, unknown deadlines last — so a list
 * sorted by it ascending needs one index and one keyset field. The recorder stores it with
 * the read model; the lists only sort on it.
 */
export function urgencyKey(c: UrgencyInput): string {
  const rank = c.status === 'concluded' ? CONCLUDED_RANK : LEVEL_RANK[c.alertLevel];
  const deadline = c.deadline === null ? NO_DEADLINE : String(Math.max(0, Math.trunc(c.deadline))).padStart(INSTANT_DIGITS, '0');
  return `${rank}:${deadline}`;
}

