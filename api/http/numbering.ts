import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { nextSequence } from '../../db/models/counter';
import { numberReservationModel } from '../../db/models/creation-request';
import { isDuplicateKey } from '../../db/errors';

/** How many taken numbers in a row are skipped before giving up. */
const MAX_NUMBER_ATTEMPTS = 200;

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

/** How a numbered workflow is started and what its creation answers. */
export interface NumberedStart<T> {
  /** What the creation answers under the number; kept in the workflow's memo when the request is claimed. */
  answer(no: string): T;
  /** Starts the workflow under the number, with `memo`, and a reuse policy that refuses an id seen before. */
  start(no: string, memo: Record<string, unknown> | undefined): Promise<unknown>;
  /** The memo of the workflow already under the number. */
  memoOf(no: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * Gives a new case, order or complaint the number `<prefix><yyyymmdd><6-digit sequence>`,
 * starts its workflow under it and answers the creation. A number whose workflow id is
 * already taken in Temporal (the database restored from an older backup, or another database
 * beside the same Temporal namespace) is skipped: the workflow id, not the counter, is what
 * makes a number unique. With a claim (a request with an Idempotency-Key), the numbers come
 * from the claim and the workflow's memo names the request and keeps its answer: a taken
 * number whose workflow this request started (a retry after a crash) answers that workflow's
 * creation instead of making a second one.
 */
export async function startUnderNewNumber<T>(
  db: Connection, series: { prefix: string; counter: string; day: string }, how: NumberedStart<T>, claim?: NumberClaim,
): Promise<T> {
  const allocate = async () => `${series.prefix}${series.day}${String(await nextSequence(db, `${series.counter}:${series.day}`)).padStart(6, '0')}`;
  for (let attempt = 1; ; attempt++) {
    const no = claim ? await claim.numberFor(attempt, allocate) : await allocate();
    const answer = how.answer(no);
    try {
      await how.start(no, claim && { creationRequest: claim.id, answer });
      return answer;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      if (claim) {
        const memo = await how.memoOf(no);
        if (memo?.['creationRequest'] === claim.id) return memo['answer'] as T;
      }
      if (attempt >= MAX_NUMBER_ATTEMPTS) throw err;
    }
  }
}
