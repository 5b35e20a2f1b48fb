// Lists what FerretDB would otherwise find by reading a whole collection (db/queries/id-lists.ts):
// each case's notices (db/queries/notices.ts) and each item's published questions
// (db/queries/item-faqs.ts), for a database that issued or published before the lists. Until
// then those are found by reading all notices or consultations. Safe beside a running API
// (each entry is an insert under its `_id`):
//   npx tsx scripts/rebuild-id-lists.ts
import { connectDatabase } from '../db/connect';
import { loadEnv } from '../config/env';
import { rebuildGuideLists } from '../db/queries/item-faqs';
import { rebuildNoticeLists } from '../db/queries/notices';

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await connectDatabase(env.MONGODB_URI);
  try {
    console.log(`case notices: ${await rebuildNoticeLists(db)} notices listed`);
    console.log(`item guides: ${await rebuildGuideLists(db)} published questions listed`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
