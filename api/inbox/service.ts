import type { Connection } from 'mongoose';
import { guardedUpdate } from '../../db/guarded-write';
import { inboxMessageModel, type InboxMessageDoc } from '../../db/models/inbox-message';
import { LIST_MAX_TIME_MS } from '../../db/queries/case-lists';
import { audiencesOf } from '../../db/queries/inbox';
import {
  inboxListsBuilt, markAllFromLists, markLinesRead, pageFromLists, startInboxLists, unreadFromLists, type InboxReaderLists,
} from '../../db/queries/inbox-lists';
import { afterCursor, decodeCursor, encodeCursor } from '../http/cursor';
import { notFound } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { SUPERVISION_OFFICE } from '../../domain/records/vocabulary';

type Level = 'warning' | 'yellow' | 'red' | 'step' | 'notice';

export interface InboxFilters {
  unread?: boolean;
  kind?: Level;
  subject?: string;
  limit?: number;
  cursor?: string;
}

const SUBJECT_KINDS = ['case', 'supervision-order', 'complaint', 'consultation', 'follow-up'] as const;
type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * What a message is about, for its link: as recorded with it, else (messages written before
 * that was recorded) by the numbering series of orders, complaints and consultations
 * (api/http/numbering.ts), anything else a case.
 */
function subjectOf(no: string, about?: { kind?: string | null; id?: string | null } | null): { kind: SubjectKind; id: string } {
  const kind = SUBJECT_KINDS.find((k) => k === about?.kind);
  if (kind && about?.id) return { kind, id: about.id };
  if (/^DB\d{14}$/.test(no)) return { kind: 'supervision-order', id: no };
  if (/^TS\d{14}$/.test(no)) return { kind: 'complaint', id: no };
  if (/^ZX\d{14}$/.test(no)) return { kind: 'consultation', id: no };
  return { kind: 'case', id: no };
}

/** `mine` tested on one message. */
function isMine(user: Principal, doc: Pick<InboxMessageDoc, 'audience' | 'department'>): boolean {
  const audiences = audiencesOf(user);
  const scope = visibleDepartments(user);
  if (doc.audience === SUPERVISION_OFFICE && scope !== null) return audiences.includes(SUPERVISION_OFFICE) && scope.includes(doc.department ?? '');
  return audiences.includes(doc.audience);
}

/**
 * The caller's messages: only the audiences they belong to, whatever else the filter says. The
 * supervision office's messages reach a supervisor only about the departments they oversee
 * (`oversightScope`): a county's supervisors read their county's, the city's read them all.
 */
function mine(user: Principal, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const audiences = audiencesOf(user);
  const scope = visibleDepartments(user);
  if (scope === null || !audiences.includes(SUPERVISION_OFFICE)) return { audience: { $in: audiences }, ...extra };
  const others = audiences.filter((a) => a !== SUPERVISION_OFFICE);
  return { $or: [{ audience: { $in: others } }, { audience: SUPERVISION_OFFICE, department: { $in: scope } }], ...extra };
}

/** The same rule for the inbox lists: each audience, and for the supervision office the departments the caller oversees. */
function readerOf(user: Principal): InboxReaderLists {
  const scope = visibleDepartments(user);
  return { userId: user.userId, audiences: audiencesOf(user).map((key) => ({ key, departments: key === SUPERVISION_OFFICE ? scope : null })) };
}

/**
 * Whether the inbox is read from its lists (db/queries/inbox-lists.ts): always on a database
 * that started with them; one written before reads the messages themselves (bounded by
 * `maxTimeMS`) until scripts/rebuild-inbox-lists.ts has listed them.
 */
async function fromLists(db: Connection): Promise<boolean> {
  await startInboxLists(db);
  return inboxListsBuilt(db);
}

const unreadBy = (user: Principal) => ({ readBy: { $ne: user.userId } });
/** The same condition as a guard of one message's write. */
const notReadBy = (user: Principal) => ({ filter: unreadBy(user), holds: (m: InboxMessageDoc | null) => !(m?.readBy ?? []).includes(user.userId) });

/**
 * A message as the API shows it: read when the caller's read marks hold it (`read`), or its
 * `readBy` (written before the lists, and while a database has none); the activities write
 * messages without `readBy`.
 */
function view(doc: Omit<InboxMessageDoc, 'readBy'> & { _id: string; readBy?: string[] }, user: Principal, read = false) {
  return {
    id: doc._id, kind: doc.level as Level, subject: subjectOf(doc.caseNo, doc.about), department: doc.department ?? null, title: doc.subject,
    body: doc.body, createdAt: doc.createdAt.toISOString(), read: read || (doc.readBy ?? []).includes(user.userId),
  };
}

/** Newest first with a keyset cursor on (createdAt, _id). */
export async function listInbox(db: Connection, user: Principal, q: InboxFilters) {
  const limit = q.limit ?? 50;
  if (await fromLists(db)) {
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const lines = await pageFromLists(db, readerOf(user), {
      limit, ...(q.unread && { unread: true }), ...(q.kind !== undefined && { kind: q.kind }), ...(q.subject !== undefined && { subject: q.subject }),
      ...(after && { after: { at: after.at.getTime(), id: after.id } }),
    });
    const page = lines.slice(0, limit);
    const Inbox = inboxMessageModel(db);
    const docs = await Promise.all(page.map((l) => Inbox.findById(l.id).lean<InboxMessageDoc & { _id: string }>()));
    const last = page.at(-1);
    return {
      items: docs.flatMap((d, i) => (d ? [view(d, user, page[i]?.read)] : [])),
      nextCursor: lines.length > limit && last ? encodeCursor(new Date(last.at), last.id) : null,
    };
  }
  const and: Record<string, unknown>[] = [mine(user)];
  if (q.unread) and.push(unreadBy(user));
  if (q.kind !== undefined) and.push({ level: q.kind });
  if (q.subject !== undefined) and.push({ caseNo: q.subject });
  if (q.cursor !== undefined) and.push(afterCursor('createdAt', q.cursor));
  const docs = await inboxMessageModel(db).find({ $and: and }).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).maxTimeMS(LIST_MAX_TIME_MS)
    .lean<(InboxMessageDoc & { _id: string })[]>();
  const page = docs.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((d) => view(d, user)), nextCursor: docs.length > limit && last ? encodeCursor(last.createdAt, last._id) : null };
}

/**
 * How many unread, and the newest unread one (which, with the count, changes whenever the
 * answer would): from the lists, by `_id`. A database not yet listed asks one query, ids
 * only (FerretDB scans the collection for any filter beyond `_id`, so a count and a find
 * would scan it twice; MongoDB serves it from the `audience, createdAt` index).
 */
export async function unreadCount(db: Connection, user: Principal) {
  if (await fromLists(db)) return unreadFromLists(db, readerOf(user));
  const ids = await inboxMessageModel(db).find(mine(user, unreadBy(user)), { _id: 1 }).sort({ createdAt: -1, _id: -1 }).maxTimeMS(LIST_MAX_TIME_MS)
    .lean<{ _id: string }[]>();
  return { unread: ids.length, latest: ids[0]?._id ?? null };
}

/** Marks one of the caller's messages read; another audience's message answers the same 404 as none. */
export async function markRead(db: Connection, user: Principal, id: string) {
  const Inbox = inboxMessageModel(db);
  // By `_id`, then whether it is the caller's: `mine` beside the `_id` would read every message on FerretDB.
  const found = await Inbox.findById(id).lean<InboxMessageDoc & { _id: string }>();
  if (found === null || !isMine(user, found)) throw notFound(`Message ${id}`);
  if (await fromLists(db)) {
    await markLinesRead(db, user.userId, found.audience, [{ id, at: found.createdAt.getTime() }]);
    return view(found, user, true);
  }
  // A message is shared by its audience: two readers at once must both stay marked.
  await guardedUpdate(Inbox, id, notReadBy(user), { $addToSet: { readBy: user.userId } });
  const doc = await Inbox.findById(id).lean<InboxMessageDoc & { _id: string }>();
  if (doc === null) throw notFound(`Message ${id}`);
  return view(doc, user);
}

/** Marks every unread message of the caller read (those up to now; later ones stay unread). */
export async function markAllRead(db: Connection, user: Principal, before: Date) {
  if (await fromLists(db)) return { marked: await markAllFromLists(db, readerOf(user), before.getTime()) };
  const Inbox = inboxMessageModel(db);
  const ids = await Inbox.find(mine(user, { ...unreadBy(user), createdAt: { $lte: before } }), { _id: 1 }).maxTimeMS(LIST_MAX_TIME_MS).lean<{ _id: string }[]>();
  let marked = 0;
  for (const { _id } of ids) if (await guardedUpdate(Inbox, _id, notReadBy(user), { $addToSet: { readBy: user.userId } })) marked++;
  return { marked };
}
