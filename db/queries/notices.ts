import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { isFerretDb } from '../guarded-write';
import { claimNext, lastOfContiguous } from '../models/counter';
import { noticeModel, type NoticeDoc } from '../models/notice';
import { idLists } from './id-lists';

/*
 * Notices (文书) by `_id` on FerretDB, where any other filter reads every notice: a case's
 * notices through its list in `case_notices` (db/queries/id-lists.ts), the next number of a
 * department's year after the last one known (a hint in `counters`), found without one by
 * asking which numbers' `_id`s exist. MongoDB answers the lists and the look-up by a logged
 * action from the notices' indexes; the lists are written there too, the same way.
 */

export type Notice = NoticeDoc & { _id: string };

/** A case's notices in the order issued: `<caseNo>#<k>` names the k-th notice (its action as the tag). */
const caseLists = (db: Connection) => idLists(db, 'case_notices');

const issueOrder = (a: Notice, b: Notice) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.seq - b.seq;

/** A case's notices, oldest first. */
export async function caseNotices(db: Connection, caseNo: string): Promise<Notice[]> {
  const Notices = noticeModel(db);
  if (!(await isFerretDb(db)) || !(await caseLists(db).built())) return Notices.find({ caseNo }).sort({ issuedAt: 1, seq: 1 }).lean<Notice[]>();
  const ids = [...new Set((await caseLists(db).read(caseNo)).map((e) => e.ref))];
  const notices = await Promise.all(ids.map((id) => Notices.findById(id).lean<Notice>()));
  return notices.filter((n): n is Notice => n !== null).sort(issueOrder);
}

/**
 * The notice a logged action issued on a case, for the action applied again: by the case's
 * list, else by the action (on FerretDB a read of every notice, reached only when the notice
 * was stored and its list entry not yet: the entry is written then).
 */
export async function noticeOfIntent(db: Connection, caseNo: string, intent: string): Promise<Notice | null> {
  const Notices = noticeModel(db);
  const entries = await caseLists(db).read(caseNo);
  const entry = entries.find((e) => e.tag === intent);
  const listed = entry ? await Notices.findById(entry.ref).lean<Notice>() : null;
  if (listed) return listed;
  const found = await Notices.findOne({ intent }).lean<Notice>();
  if (found) await caseLists(db).add(caseNo, found._id, intent, entries);
  return found;
}

/** Thrown inside the numbering when the action's own notice already holds another number. */
class NumberedBefore extends Error {}

/**
 * Stores a notice under its department's and year's next number, `<department>:<year>:<seq>`:
 * the notice's own insert claims the number (a taken one tries the next), then enters it in its
 * case's list. The numbers are without gaps, so a year numbered before the hint existed is
 * continued after its last notice, found by `_id`.
 */
export async function insertNumbered(db: Connection, doc: Omit<NoticeDoc, 'seq' | 'number' | '_id'>, numberOf: (seq: number) => string): Promise<Notice> {
  const Notices = noticeModel(db);
  await caseLists(db).start(async () => (await Notices.estimatedDocumentCount()) === 0);
  const prefix = `${doc.department}:${doc.year}:`;
  const taken = async (seq: number) => (await Notices.exists({ _id: `${prefix}${seq}` })) !== null;
  let notice: Notice;
  try {
    ({ value: notice } = await claimNext(db, `notice:${doc.department}:${doc.year}`, async (seq) => {
      const full: Notice = { ...doc, _id: `${prefix}${seq}`, seq, number: numberOf(seq) };
      try {
        await Notices.create(full);
        return full;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const there = await Notices.findById(full._id).lean<Notice>();
        if (!there) throw new NumberedBefore();
        return there.intent === doc.intent ? there : undefined;
      }
    }, () => lastOfContiguous(taken)));
  } catch (error) {
    if (!(error instanceof NumberedBefore)) throw error;
    const before = await noticeOfIntent(db, doc.caseNo, doc.intent);
    if (!before) throw error;
    return before;
  }
  await caseLists(db).add(doc.caseNo, notice._id, notice.intent);
  return notice;
}

/** Whether every notice is in its case's list. */
export const noticeListsBuilt = (db: Connection): Promise<boolean> => caseLists(db).built();

/** Lists every notice not listed yet (a database that issued notices before the lists), then marks the lists complete; answers how many it listed. */
export async function rebuildNoticeLists(db: Connection): Promise<number> {
  const byCase = new Map<string, Notice[]>();
  for await (const notice of noticeModel(db).find().lean<Notice>().cursor() as AsyncIterable<Notice>) {
    (byCase.get(notice.caseNo) ?? byCase.set(notice.caseNo, []).get(notice.caseNo))?.push(notice);
  }
  let n = 0;
  for (const [caseNo, notices] of byCase) {
    const entries = await caseLists(db).read(caseNo);
    for (const notice of notices.sort(issueOrder)) {
      const entry = await caseLists(db).add(caseNo, notice._id, notice.intent, entries);
      if (entry) entries.push(entry);
      n += entry ? 1 : 0;
    }
  }
  await caseLists(db).markBuilt();
  return n;
}
