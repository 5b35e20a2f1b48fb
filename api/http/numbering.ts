import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { nextNumber, type NumberClaim } from '../../db/queries/numbering';

/** How many taken numbers in a row are skipped before giving up. */
const MAX_NUMBER_ATTEMPTS = 200;

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
  const allocate = () => nextNumber(db, series);
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
