import type { Connection } from 'mongoose';
import { isFerretDb } from '../guarded-write';
import { consultationModel, type ConsultationDoc } from '../models/consultation';
import { idLists } from './id-lists';

/*
 * The questions published to an item's guide (常见问题), for the public guide page. On
 * FerretDB `{ itemCode, faq }` reads every consultation, and anyone may ask for the page, so
 * each item lists the consultations published to it (`item_faqs`, db/queries/id-lists.ts) and
 * they are read by `_id`. MongoDB answers from the `(itemCode, faq.publishedAt)` index.
 */

export type Consultation = ConsultationDoc & { _id: string };

const faqLists = (db: Connection) => idLists(db, 'item_faqs');

/** The consultations published to an item's guide (each with its `faq`), in no particular order. */
export async function publishedToGuide(db: Connection, itemCode: string): Promise<Consultation[]> {
  const Consultations = consultationModel(db);
  await startGuideLists(db);
  if (!(await isFerretDb(db)) || !(await faqLists(db).built())) {
    return Consultations.find({ itemCode, faq: { $ne: null } }).lean<Consultation[]>();
  }
  const docs = await Promise.all((await faqLists(db).read(itemCode)).map((e) => Consultations.findById(e.ref).lean<Consultation>()));
  return docs.filter((d): d is Consultation => d !== null && d.faq !== null && d.itemCode === itemCode);
}

/**
 * Before a publication: on a database where no consultation is published yet, marks the lists
 * complete (the first publication's is then listed like every later one). Once per connection.
 */
export function startGuideLists(db: Connection): Promise<void> {
  return faqLists(db).start(async () => (await consultationModel(db).exists({ faq: { $ne: null } })) === null);
}

/** Lists a consultation whose `faq` was just set in its item's guide (once; a repeat of the publication adds it if a crash left it out). */
export async function listInGuide(db: Connection, itemCode: string, consultationNo: string): Promise<void> {
  await faqLists(db).add(itemCode, consultationNo);
}

/** Lists every published consultation not listed yet (a database that published before the lists), then marks them complete; answers how many it listed. */
export async function rebuildGuideLists(db: Connection): Promise<number> {
  let n = 0;
  for await (const doc of consultationModel(db).find({ faq: { $ne: null } }, { itemCode: 1 }).lean().cursor()) {
    if (await faqLists(db).add(doc.itemCode, String(doc._id))) n++;
  }
  await faqLists(db).markBuilt();
  return n;
}
