import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { nextSequence } from '../models/counter';
import { numberReservationModel } from '../models/creation-request';

/**
 * One creation request's hold on the numbers it tries: its n-th try gets the same number
 * however often the request is retried, so a retry after a crash starts under the number the
 * first try may already have started under, and Temporal's id refuses a second workflow.
 */
export interface NumberClaim {
  /** Names the request in the memo of the workflow it starts. */
  readonly id: string;
  /** The number of the request's `attempt`-th try: the one reserved before, or `allocate()`'s, reserved now. */
  numberFor(attempt: number, allocate: () => Promise<string>): Promise<string>;
}

/**
 * Reserves numbers for a creation request in `number_reservations` (`<request>#<attempt>`).
 * A unique insert decides between retries racing each other, as for the numbers themselves:
 * the loser takes the winner's number, and its start then finds the winner's workflow.
 */
export function reservedNumbers(db: Connection, requestId: string, now: () => number): NumberClaim {
  const Reservations = numberReservationModel(db);
  return {
    id: requestId,
    async numberFor(attempt, allocate) {
      const _id = `${requestId}#${attempt}`;
      const held = await Reservations.findById(_id).lean();
      if (held) return held.number;
      const number = await allocate();
      try {
        await Reservations.create({ _id, number, at: new Date(now()) });
        return number;
      } catch (error) {
        const won = isDuplicateKey(error) ? await Reservations.findById(_id).lean() : null;
        if (!won) throw error;
        return won.number;
      }
    },
  };
}

/** The next number of a series: `<prefix><yyyymmdd><6-digit sequence>`. */
export async function nextNumber(db: Connection, series: { prefix: string; counter: string; day: string }): Promise<string> {
  return `${series.prefix}${series.day}${String(await nextSequence(db, `${series.counter}:${series.day}`)).padStart(6, '0')}`;
}
