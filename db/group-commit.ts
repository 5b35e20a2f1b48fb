/**
 * Group commit: writes to one target (a document, a collection) that arrive while a write to
 * it is under way wait, and the next write applies all of them at once. When every case's
 * alert of one midnight lands on the same rollup row, list bucket or collection, a queue of a
 * thousand writes becomes a few dozen; each caller still returns only once its own item is
 * written (or fails), so an activity that records something completes only after the record.
 *
 * A group whose write fails is written again item by item, so one bad item fails only its own
 * caller. Within one process; between processes the write itself must hold (db/versioned-write).
 */
interface Waiting<T> {
  item: T;
  done: (error?: unknown) => void;
}

interface Target<T> {
  write: (items: T[]) => Promise<void>;
  waiting: Waiting<T>[];
}

const targets = new Map<string, Target<unknown>>();

async function settle<T>(write: (items: T[]) => Promise<void>, group: Waiting<T>[]): Promise<void> {
  try {
    await write(group.map((w) => w.item));
    for (const w of group) w.done();
  } catch (error) {
    if (group.length === 1) {
      group[0]?.done(error);
      return;
    }
    for (const w of group) await settle(write, [w]);
  }
}

async function drain<T>(key: string, target: Target<T>): Promise<void> {
  for (;;) {
    const group = target.waiting;
    if (group.length === 0) {
      targets.delete(key);
      return;
    }
    target.waiting = [];
    await settle(target.write, group);
  }
}

/**
 * Writes `item` to the target named `key` together with the items that reach it meanwhile.
 * Every caller of one key passes an equivalent `write` (the first one's is used for the group).
 */
export function groupCommit<T>(key: string, item: T, write: (items: T[]) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => (error === undefined ? resolve() : reject(error instanceof Error ? error : new Error(String(error))));
    const target = targets.get(key) as Target<T> | undefined;
    if (target) {
      target.waiting.push({ item, done });
      return;
    }
    const fresh: Target<T> = { write, waiting: [{ item, done }] };
    targets.set(key, fresh as Target<unknown>);
    void drain(key, fresh);
  });
}
