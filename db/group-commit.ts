/**
 * Group commit: writes to one target (a document, a collection) that arrive while a write to
 * it is under way wait, and the next write applies all of them at once. When every case's
 * alert of one midnight lands on the same rollup row, list bucket or collection, a queue of a
 * thousand writes becomes a few dozen; each caller still returns only once its own item is
 * written (or fails), so an activity that records something completes only after the record.
 *
 * A group whose write fails is written again item by item, so one bad item fails only its own
 * caller; a write that can tell which items failed (an unordered `insertMany`) answers each
 * item's outcome instead, and the group is not written again. Within one process; between
 * processes the write itself must hold (db/versioned-write).
 *
 * A target may also be paced: a write starts no sooner than `paceMs` after the previous one
 * to the target started, so the items that arrive meanwhile go together. Without a pace, a
 * target written by a midnight's alerts a few at a time (one of many list buckets) is written
 * about once per write's latency, each write several commands on FerretDB, which the whole
 * machine shares; with it, at most once per pace. An urgent item (a person's action, which
 * they may look for in their lists at once) is not held by the pace: it starts the next write
 * as soon as the one under way ends, taking the waiting items along.
 *
 * A target may also gather: its first write waits for the rest of the event loop's turn, so
 * the items that arrive together go in one write even when none is under way (the two list
 * buckets a clerk's step moves a case between reach the version rows within one turn, and
 * took two commands where one does).
 */
interface Waiting<T> {
  item: T;
  done: (error?: unknown) => void;
  urgent: boolean;
}

/** Writes a group; may answer each item's outcome in order (undefined: written, else the item's error). */
export type GroupWrite<T> = (items: T[]) => Promise<void | readonly unknown[]>;

interface Target<T> {
  write: GroupWrite<T>;
  waiting: Waiting<T>[];
  paceMs: number;
  gather: boolean;
  /** Ends the pace's wait early (an urgent item arrived). */
  hurry: (() => void) | null;
}

export interface GroupCommitOptions {
  /** The least time from the start of one write to the target to the start of the next (0: none). */
  paceMs?: number;
  /** The first write waits for the end of the event loop's turn, taking the items that arrive in it. */
  gather?: boolean;
  /** Write this item as soon as the write under way (if any) ends, whatever the pace. */
  urgent?: boolean;
}

/**
 * The pace of the list buckets and inbox lists the recorder keeps. A midnight's warnings of
 * 1,000 cases wrote the buckets about 3,100 times unpaced and 1,800 times paced at 250 ms
 * (bench/record.bench.ts, with 8 shards of every open case then; 560 times with the 2 of now).
 * Since a recording waiting for its lists gives its activity slot back (activities/detach.ts),
 * a longer pace costs only the recording's own completion, not the other recordings' turns:
 * 500 ms sent 9.0–9.1 commands a recording against 11.2–11.5 at 250 ms, and FerretDB spent
 * 15.0–15.4 ms of CPU on each against 21.4–21.9 (alternated runs, 1,000 cases, 12 slots).
 */
export const LIST_PACE_MS = 500;

const targets = new Map<string, Target<unknown>>();

async function settle<T>(write: GroupWrite<T>, group: Waiting<T>[]): Promise<void> {
  try {
    const outcomes = await write(group.map((w) => w.item));
    group.forEach((w, i) => w.done(outcomes?.[i]));
  } catch (error) {
    if (group.length === 1) {
      group[0]?.done(error);
      return;
    }
    for (const w of group) await settle(write, [w]);
  }
}

/** Waits until `until` (a `performance.now()` time) or until an urgent item arrives. */
function paced<T>(target: Target<T>, until: number): Promise<void> {
  const wait = until - performance.now();
  if (wait <= 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      target.hurry = null;
      resolve();
    }, wait);
    target.hurry = () => {
      clearTimeout(timer);
      target.hurry = null;
      resolve();
    };
  });
}

async function drain<T>(key: string, target: Target<T>): Promise<void> {
  if (target.gather) await new Promise((resolve) => setImmediate(resolve));
  for (;;) {
    const group = target.waiting;
    target.waiting = [];
    const started = performance.now();
    await settle(target.write, group);
    if (!target.waiting.some((w) => w.urgent)) await paced(target, started + target.paceMs);
    if (target.waiting.length === 0) {
      targets.delete(key);
      return;
    }
  }
}

/**
 * Writes `item` to the target named `key` together with the items that reach it meanwhile.
 * Every caller of one key passes an equivalent `write` and pace (the first one's are used).
 */
export function groupCommit<T>(key: string, item: T, write: GroupWrite<T>, options: GroupCommitOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => (error === undefined ? resolve() : reject(error instanceof Error ? error : new Error(String(error))));
    const target = targets.get(key) as Target<T> | undefined;
    if (target) {
      target.waiting.push({ item, done, urgent: options.urgent ?? false });
      if (options.urgent) target.hurry?.();
      return;
    }
    const fresh: Target<T> = { write, waiting: [{ item, done, urgent: options.urgent ?? false }], paceMs: options.paceMs ?? 0, gather: options.gather ?? false, hurry: null };
    targets.set(key, fresh as Target<unknown>);
    void drain(key, fresh);
  });
}
