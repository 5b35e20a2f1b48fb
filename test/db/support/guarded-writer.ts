// A second process for test/db/guarded-write.test.ts: counts events on shared documents
// through guardedUpdate (read-then-write, as on FerretDB), several at once, then exits.
// Arguments: <mongodb uri> <collection> <ids, comma-separated> <event prefix> <events> [remember]
import mongoose, { Schema } from 'mongoose';
import { guardedUpdate } from '../../../db/guarded-write';

interface Doc {
  _id: string;
  seq: number;
  n?: number;
  applied?: string[];
}

async function main(): Promise<void> {
  const [uri, collection, ids, prefix, count, remember] = process.argv.slice(2);
  if (!uri || !collection || !ids || !prefix || !count) throw new Error('usage: guarded-writer <uri> <collection> <ids> <prefix> <events>');
  const db = await mongoose.createConnection(uri, { maxPoolSize: 20 }).asPromise();
  const Docs = db.model<Doc>('Doc', new Schema<Doc>({ _id: String, seq: Number, n: Number, applied: [String] }, { versionKey: false }), collection);
  const events = Array.from({ length: Number(count) }, (_, i) => `${prefix}${i}`);
  await Promise.all(ids.split(',').flatMap((id) => events.map((event) =>
    guardedUpdate(Docs, id, { filter: { applied: { $ne: event } }, holds: (d) => !(d?.applied ?? []).includes(event) },
      { $inc: { n: 1 }, $push: { applied: event }, $setOnInsert: { seq: 0 } }, { mode: 'read-then-write', upsert: true, remember: remember === 'remember' }))));
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
