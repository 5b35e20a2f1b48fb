import { CompleteAsyncError, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';

/** Completions of activities that gave their slot back and are still writing. */
const detached = new Set<Promise<unknown>>();

/** The running activity's task token and the worker's client, or null outside an activity (or without a client). */
function completer(): { taskToken: Uint8Array; client: Client } | null {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return null; // called directly (unit tests), not by a worker
  }
  try {
    // A local activity (a timer's recording) has no task on the server to complete later: it
    // writes everything within its call, and its slots are many (worker/tuning.ts).
    if (context.info.isLocal) return null;
    return { taskToken: context.info.taskToken, client: context.client };
  } catch {
    return null; // a MockActivityEnvironment without a client
  }
}

/**
 * Runs an activity's `work`, which may call `release` once what it has left to do only waits
 * (a timer's recording waiting for the paced writes of the lists, db/group-commit.ts). Until
 * then the activity holds its slot; after, it gives the slot back to the worker, and the
 * worker's client completes it when `work` ends, with its result or its error (then retried
 * as any failed activity). So the workflow still learns of the recording only once all of it
 * is written, and the worker's 12 slots go to recordings that write, not to ones that wait:
 * 1,000 warnings were recorded in 14 s instead of 24 (bench/record.bench.ts). A worker that
 * stops waits for these completions (`detachedSettled`); one that dies leaves the activity to
 * time out and be retried, and its writes are idempotent.
 */
export async function completeWhenWritten<T>(logger: Logger, work: (release: () => void) => Promise<T>): Promise<T> {
  let release: () => void = () => undefined;
  const released = new Promise<null>((resolve) => (release = () => resolve(null)));
  const done = work(release);
  const finished = done.then((value) => ({ value }));
  finished.catch(() => undefined); // a failure after the release is reported below, not left unhandled
  const first = await Promise.race([finished, released]);
  if (first) return first.value;
  const to = completer();
  if (!to) return done;
  const completion = done
    .then((value) => to.client.activity.complete(to.taskToken, value), (error: unknown) => to.client.activity.fail(to.taskToken, error))
    .catch((error: unknown) => logger.warn({ err: error }, 'an activity completed after giving back its slot could not report it; it will time out and be retried'))
    .finally(() => detached.delete(completion));
  detached.add(completion);
  throw new CompleteAsyncError();
}

/** Resolves once every activity that gave its slot back has reported its end (the worker waits for them before it disconnects). */
export async function detachedSettled(): Promise<void> {
  while (detached.size > 0) await Promise.allSettled([...detached]);
}
