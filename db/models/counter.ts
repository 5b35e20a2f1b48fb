import { Schema, type Connection, type Model } from 'mongoose';

interface CounterDoc {
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

const DUPLICATE_KEY = 11000;

/**
 * The next number of a sequence, never given twice. A number is taken by inserting its
 * claim document `<name>#<n>`: the unique `_id` decides between concurrent callers. An
 * atomic `$inc` (findOneAndUpdate) is not enough on FerretDB's SQLite backend, where
 * concurrent increments read the same value and hand out the same number. The sequence's
 * own document only remembers where to start looking.
 */
export async function nextSequence(db: Connection, name: string): Promise<number> {
  const counters = counterModel(db);
  const hint = (await counters.findById(name, { seq: 1 }).lean())?.seq ?? 0;
  for (let n = hint + 1; ; n++) {
    try {
      await counters.create({ _id: `${name}#${n}` });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) continue;
      throw error;
    }
    // The hint may lag under concurrency (or lose a race to create it): that costs a retry, never a duplicate.
    await counters.updateOne({ _id: name }, { $max: { seq: n } }, { upsert: true }).catch(() => undefined);
    return n;
  }
}
