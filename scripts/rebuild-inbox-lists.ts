// Lists every inbox message in its audience's list (db/queries/inbox-lists.ts), with the read
// marks of the readers who read it, for a database written before the lists. Until then the
// inbox reads `inbox_messages` itself (bounded by maxTimeMS). Run with the workers stopped
// (they list what they write; a message written during the rebuild could be left out):
//   npx tsx scripts/rebuild-inbox-lists.ts
import { connectDatabase } from '../db/connect';
import { loadEnv } from '../config/env';
import { rebuildInboxLists } from '../db/queries/inbox-lists';

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await connectDatabase(env.MONGODB_URI);
  try {
    console.log(`inbox: ${await rebuildInboxLists(db)} messages listed`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
