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
    return { taskToken: context.info.taskToken, client: context.client };
  } catch {
    return null; // a MockActivityEnvironment without a client
  }
}

/** Whether the running activity is a local one (a timer's recording); false outside an activity. */
function runningLocally(): boolean {
  try {
    return Context.current().info.isLocal;
  } catch {
    return false;
  }
}

/**
 * Local activities writing at once. A local activity has no task on the server that could be
 * completed later, so a timer's recording keeps its local-activity slot (and its workflow
 * task's) until all of it is written, the paced list writes included; the slots are many
 * (worker/tuning.ts) and these turns bound the ones writing instead, as the 12 activity slots
 * bound the activities: a recording takes a turn to start and gives it back at `release`.
 */
export const LOCAL_WRITERS = 12;
let writers = 0;
const waitingWriters: (() => void)[] = [];

/** Waits for a writer's turn; answers the function that gives it back (once, whichever call). */
async function writerTurn(): Promise<() => void> {
  if (writers < LOCAL_WRITERS) writers += 1;
  else await new Promise<void>((resolve) => waitingWriters.push(resolve)); // handed over by the one leaving
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const next = waitingWriters.shift();
    if (next) next();
    else writers -= 1;
  };
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
  if (runningLocally()) {
    const leave = await writerTurn();
    try {
      return await work(leave);
    } finally {
      leave();
    }
  }
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
