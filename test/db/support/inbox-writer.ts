// A second process for test/db/inbox-lists.test.ts: lists messages of one audience in small
// parts, a few calls at once, then exits.
// Arguments: <mongodb uri> <audience> <id prefix> <messages> <lines per part>
import mongoose from 'mongoose';
import { listMessages } from '../../../db/queries/inbox-lists';

async function main(): Promise<void> {
  const [uri, audience, prefix, count, partLines] = process.argv.slice(2);
  if (!uri || !audience || !prefix || !count || !partLines) throw new Error('usage: inbox-writer <uri> <audience> <prefix> <messages> <lines per part>');
  const db = await mongoose.createConnection(uri, { maxPoolSize: 20 }).asPromise();
  const t0 = Date.parse('2026-12-07T16:00:00Z');
  const messages = Array.from({ length: Number(count) }, (_, i) => ({
    _id: `${prefix}${i}`, audience, department: 'health', caseNo: `C${prefix}${i}`, level: 'warning', createdAt: new Date(t0 + i * 1000),
  }));
  // Eight calls at once, each a few messages, as a burst of recordings.
  const calls = Array.from({ length: 8 }, (_, k) => messages.filter((_, i) => i % 8 === k));
  await Promise.all(calls.map(async (own) => {
    for (let i = 0; i < own.length; i += 3) await listMessages(db, own.slice(i, i + 3), { paced: true, partLines: Number(partLines) });
  }));
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
