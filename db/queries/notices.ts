import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';
import { isFerretDb } from '../guarded-write';
import { claimNext, lastOfContiguous } from '../models/counter';
import { noticeEntryModel, noticeModel, type NoticeDoc, type NoticeEntryDoc } from '../models/notice';

/*
 * Notices (文书) by `_id` on FerretDB, where any other filter reads every notice: a case's
 * notices through its entries in `case_notices` (`<caseNo>#1`, `#2`, …), the next number of a
 * department's year after the last one known (a hint in `counters`), found without one by
 * asking which numbers' `_id`s exist. MongoDB answers the lists and the look-up by a logged
 * action from the notices' indexes; the entries are written there too, the same way.
 */

export type Notice = NoticeDoc & { _id: string };
type Entry = NoticeEntryDoc & { _id: string };

const BUILT_ID = 'built';
/** Entries read by `_id` at once: most cases have one to three notices. */
const IN_FLIGHT = 4;

const issueOrder = (a: Notice, b: Notice) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.seq - b.seq;

/** A case's entries in order, read a few at once while they are found. */
async function entriesOf(db: Connection, caseNo: string): Promise<Entry[]> {
  const Entries = noticeEntryModel(db);
  const entries: Entry[] = [];
  for (let from = 1; ; from += IN_FLIGHT) {
    const batch = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => Entries.findById(`${caseNo}#${from + i}`).lean<Entry>()));
    for (const entry of batch) {
      if (!entry) return entries;
      entries.push(entry);
    }
  }
}

/**
 * Enters a notice in its case's list after the `known` entries (read in order from the first),
 * unless it is there already; answers the entry it wrote. Each try is the next `_id` after one
 * that exists, so the list has no hole where reading it would stop.
 */
async function enter(db: Connection, notice: Notice, known: Entry[]): Promise<Entry | null> {
  const Entries = noticeEntryModel(db);
  if (known.some((e) => e.noticeId === notice._id)) return null;
  for (let k = known.length + 1; ; k++) {
    const entry: Entry = { _id: `${notice.caseNo}#${k}`, noticeId: notice._id, intent: notice.intent };
    try {
      await Entries.create(entry);
      return entry;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if ((await Entries.findById(entry._id).lean())?.noticeId === notice._id) return null;
    }
  }
}

/** A case's notices, oldest first. */
export async function caseNotices(db: Connection, caseNo: string): Promise<Notice[]> {
  const Notices = noticeModel(db);
  if (!(await isFerretDb(db)) || !(await noticeIndexBuilt(db))) return Notices.find({ caseNo }).sort({ issuedAt: 1, seq: 1 }).lean<Notice[]>();
  const ids = [...new Set((await entriesOf(db, caseNo)).map((e) => e.noticeId))];
  const notices = await Promise.all(ids.map((id) => Notices.findById(id).lean<Notice>()));
  return notices.filter((n): n is Notice => n !== null).sort(issueOrder);
}

/**
 * The notice a logged action issued on a case, for the action applied again: by the case's
 * entries, else by the action (on FerretDB a read of every notice, reached only when the
 * notice was stored and its entry not yet: the entry is written then).
 */
export async function noticeOfIntent(db: Connection, caseNo: string, intent: string): Promise<Notice | null> {
  const Notices = noticeModel(db);
  const entries = await entriesOf(db, caseNo);
  const entry = entries.find((e) => e.intent === intent);
  const listed = entry ? await Notices.findById(entry.noticeId).lean<Notice>() : null;
  if (listed) return listed;
  const found = await Notices.findOne({ intent }).lean<Notice>();
  if (found) await enter(db, found, entries);
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
  await startNoticeIndex(db);
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
  await enter(db, notice, await entriesOf(db, doc.caseNo));
  return notice;
}

const known = new WeakMap<Connection, Promise<boolean>>();

/** Whether every notice has its entry (asked once per connection until it does). */
export function noticeIndexBuilt(db: Connection): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = noticeEntryModel(db).exists({ _id: BUILT_ID }).then((doc) => doc !== null);
    known.set(db, answer);
    void answer.then((built) => (built ? undefined : known.delete(db)), () => known.delete(db));
  }
  return answer;
}

async function markBuilt(db: Connection): Promise<void> {
  await noticeEntryModel(db).create({ _id: BUILT_ID }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
  known.delete(db);
}

/** On a database with no notice yet, marks the entries complete (each issue then keeps them so); once per connection. */
const started = new WeakMap<Connection, Promise<void>>();
export function startNoticeIndex(db: Connection): Promise<void> {
  let done = started.get(db);
  if (!done) {
    done = (async () => {
      if (await noticeIndexBuilt(db)) return;
      if ((await noticeModel(db).estimatedDocumentCount()) === 0) await markBuilt(db);
    })();
    started.set(db, done);
    done.catch(() => started.delete(db));
  }
  return done;
}

/** Enters every notice not entered yet (a database whose notices were issued before the entries), then marks them complete; answers how many it entered. */
export async function rebuildNoticeIndex(db: Connection): Promise<number> {
  const byCase = new Map<string, Notice[]>();
  for await (const notice of noticeModel(db).find().lean<Notice>().cursor() as AsyncIterable<Notice>) {
    (byCase.get(notice.caseNo) ?? byCase.set(notice.caseNo, []).get(notice.caseNo))?.push(notice);
  }
  let n = 0;
  for (const [caseNo, notices] of byCase) {
    const entries = await entriesOf(db, caseNo);
    for (const notice of notices.sort(issueOrder)) {
      const entry = await enter(db, notice, entries);
      if (entry) entries.push(entry);
      n += entry ? 1 : 0;
    }
  }
  await markBuilt(db);
  return n;
}
