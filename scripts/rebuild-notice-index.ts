// Enters every notice in its case's list (db/queries/notices.ts), for a FerretDB database
// whose notices were issued before the lists: until then a case's notices are found by
// reading all of them. Safe beside a running API (each entry is an insert under its `_id`):
//   npx tsx scripts/rebuild-notice-index.ts
import mongoose from 'mongoose';
import { loadEnv } from '../config/env';
import { rebuildNoticeIndex } from '../db/queries/notices';

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await mongoose.createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    console.log(`notice lists: ${await rebuildNoticeIndex(db)} notices entered`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
