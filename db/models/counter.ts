import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey } from '../errors';

export interface CounterDoc {
  _id: string;
  /** On a sequence's own document: the highest number known to be taken (a hint). Absent on a claim. */
  seq?: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: { type: String, required: true }, seq: { type: Number } }, {
  bufferCommands: false,
  versionKey: false,
});

/** Named sequences, e.g. the case numbers of one day. */
export function counterModel(db: Connection): Model<CounterDoc> {
  return (db.models['Counter'] as Model<CounterDoc> | undefined) ?? db.model<CounterDoc>('Counter', counterSchema, 'counters');
}

/**
 * The next number of a sequence, never given twice. A number is taken by inserting its
 * claim document `<name>#<n>`: the unique `_id` decides between concurrent callers. An
 * atomic `$inc` (findOneAndUpdate) is not enough on FerretDB's SQLite backend, where
 * concurrent increments read the same value and hand out the same number. The sequence's
 * own document only remembers where to start looking. Claims and hint live in `counters`
 * unless `store` says otherwise (then with its `onInsert` fields, e.g. an expiry).
 */
export async function nextSequence<D extends CounterDoc = CounterDoc>(db: Connection, name: string, store?: HintStore<D>): Promise<number> {
  return (await claimNext(db, name, claimDocument(store ?? countersOf<D>(db), name), undefined, store)).n;
}

const countersOf = <D extends CounterDoc>(db: Connection): HintStore<D> => ({ model: counterModel(db) as unknown as Model<D> });

/** Claims number `n` of a sequence by inserting `<name>#<n>`; `undefined` when it was taken. */
function claimDocument<D extends CounterDoc>(store: HintStore<D>, name: string): (n: number) => Promise<true | undefined> {
  return async (n) => {
    try {
      await store.model.create({ _id: `${name}#${n}`, ...store.onInsert });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  };
}

/** Thrown inside `nextWithin` past its last number. */
class SequenceFull extends Error {}

/**
 * The next number of a sequence of at most `max` numbers (claimed as `nextSequence` claims
 * them), or null once all are given: a quota (an actor's recorded attempts in an hour). A full
 * sequence's hint says so at once, so a caller past the quota writes nothing.
 */
export async function nextWithin(db: Connection, name: string, max: number): Promise<number | null> {
  const claim = claimDocument(countersOf(db), name);
  try {
    return (await claimNext(db, name, (n) => {
      if (n > max) throw new SequenceFull();
      return claim(n);
    })).n;
  } catch (error) {
    if (error instanceof SequenceFull) return null;
    throw error;
  }
}

/**
 * Where a sequence keeps its hint document: `counters` unless given. A family of sequences
 * that expires (rate-limit windows) keeps its hints beside its claims, so they go together;
 * `onInsert` is what a new hint document needs besides (its expiry).
 */
export interface HintStore<D extends CounterDoc = CounterDoc> {
  model: Model<D>;
  onInsert?: Record<string, unknown>;
}

/**
 * Claims the next number of a sequence whose numbers are claimed elsewhere (a claim
 * document, a numbered document's own `_id`): `take(n)` claims `n` and answers what it made,
 * or `undefined` when `n` was taken already. The sequence's hint document holds the highest
 * number known taken, a hint to start after (it may lag under concurrency, which costs a
 * retry, never a duplicate); a sequence without one starts after `lastTaken()`, else at 1.
 */
export async function claimNext<T, D extends CounterDoc = CounterDoc>(
  db: Connection, name: string, take: (n: number) => Promise<T | undefined>, lastTaken?: () => Promise<number>,
  hints: HintStore<D> = countersOf<D>(db),
): Promise<{ n: number; value: T }> {
  const hint = (await hints.model.findById(name, { seq: 1 }).lean())?.seq ?? (lastTaken ? await lastTaken() : 0);
  for (let n = hint + 1; ; n++) {
    const value = await take(n);
    if (value === undefined) continue;
    await hints.model.updateOne({ _id: name }, { $max: { seq: n }, ...(hints.onInsert && { $setOnInsert: hints.onInsert }) }, { upsert: true })
      .catch(() => undefined);
    return { n, value };
  }
}

/**
 * How many numbers of a sequence claimed without gaps from 1 are taken: its hint, then onward
 * while the next is taken (a hint lags only by claims whose hint update has not landed yet).
 */
export async function takenSoFar<D extends CounterDoc>(hints: HintStore<D>, name: string, taken: (n: number) => Promise<boolean>): Promise<number> {
  let n = (await hints.model.findById(name, { seq: 1 }).lean())?.seq ?? 0;
  while (await taken(n + 1)) n++;
  return n;
}

/**
 * The last number of a sequence numbered without gaps from 1, found by asking whether a
 * number is taken: doubling until one is not, then halving between (2·log2 n questions).
 */
export async function lastOfContiguous(taken: (n: number) => Promise<boolean>): Promise<number> {
  let known = 0;
  let free = 1;
  while (await taken(free)) {
    known = free;
    free *= 2;
  }
  while (free - known > 1) {
    const mid = Math.floor((known + free) / 2);
    if (await taken(mid)) known = mid;
    else free = mid;
  }
  return known;
}
