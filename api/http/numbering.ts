import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { nextSequence } from '../../db/models/counter';

/** How many taken numbers in a row are skipped before giving up. */
const MAX_NUMBER_ATTEMPTS = 200;

/**
 * Gives a new case, order or complaint the number `<prefix><yyyymmdd><6-digit sequence>` and
 * starts its workflow under it. A number whose workflow id is already taken in Temporal (the
 * database restored from an older backup, or another database beside the same Temporal
 * namespace) is skipped: the workflow id, not the counter, is what makes a number unique, so
 * `start` must use a reuse policy that refuses an id seen before.
 */
export async function startUnderNewNumber(
  db: Connection, series: { prefix: string; counter: string; day: string }, start: (no: string) => Promise<unknown>,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const no = `${series.prefix}${series.day}${String(await nextSequence(db, `${series.counter}:${series.day}`)).padStart(6, '0')}`;
    try {
      await start(no);
      return no;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError && attempt < MAX_NUMBER_ATTEMPTS) continue;
      throw err;
    }
  }
}
