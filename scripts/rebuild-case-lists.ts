// Rebuilds the case lists' index (db/queries/case-list-index.ts) from the read model, for a
// FerretDB database recorded before the index: until then its lists read the cases. Run it
// with the workers stopped (a recording during the rebuild may be missed):
//   npx tsx scripts/rebuild-case-lists.ts
import { connectDatabase } from '../db/connect';
import { loadEnv } from '../config/env';
import { caseModel } from '../db/models/case';
import { rebuildListIndex, type Listable } from '../db/queries/case-list-index';

async function main(): Promise<void> {
  const env = loadEnv();
  const db = await connectDatabase(env.MONGODB_URI);
  try {
    const cases = caseModel(db).find().lean<Listable>().cursor();
    const n = await rebuildListIndex(db, cases as AsyncIterable<Listable>);
    console.log(`case lists rebuilt from ${n} cases`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
