import { Schema, type Connection, type Model } from 'mongoose';

interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, {
  bufferCommands: false,
  versionKey: false,
});

/** Named sequences, e.g. the case numbers of one day. */
export function counterModel(db: Connection): Model<CounterDoc> {
  return (db.models['Counter'] as Model<CounterDoc> | undefined) ?? db.model<CounterDoc>('Counter', counterSchema, 'counters');
}

/** The next number of a sequence, atomically. */
export async function nextSequence(db: Connection, name: string): Promise<number> {
  const doc = await counterModel(db).findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean();
  return doc.seq;
}
