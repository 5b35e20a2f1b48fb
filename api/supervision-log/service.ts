import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { supervisionLogHeadModel, supervisionLogModel, type SupervisionLogDoc } from '../../db/models/supervision-log';
import {
  buildRecord, CANONICALIZATION, ChainVerifier, GENESIS_HASH, LOG_FORMAT, type ChainRecord, type ChainReport, type HashAlgorithm,
  type LogContent, type LogTarget, type SupervisionLogEntry,
} from './chain';
import { headerLine, recordLine } from './export-file';

/** What appending needs: any ApiContext will do. */
export interface LogContext {
  db: Connection;
  now: () => number;
  settings: { logHashAlgorithm?: HashAlgorithm };
}

const MAX_ATTEMPTS = 200;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function toRecord(doc: Pick<SupervisionLogDoc, '_id' | 'prevHash' | 'hash' | 'content'>): ChainRecord {
  return { seq: doc._id, prevHash: doc.prevHash, hash: doc.hash, content: doc.content };
}

const queues = new WeakMap<Connection, Promise<unknown>>();

/**
 * Appends one record to the supervision log and answers its place in the chain. Without
 * transactions: read the head, insert `head + 1` (its `_id`), and on a duplicate key —
 * another writer took that place — read the new head and try again. Every record is built
 * on the head it was read after, so the chain stays linear however many write at once.
 * Appends through one connection wait for each other, so only other processes collide.
 * The head is read from a pointer moved after each insert; a writer that died between its
 * insert and the move leaves the pointer behind, and the next writer to find that place
 * taken moves it on from the record itself.
 */
export function appendSupervisionLog(ctx: LogContext, entry: SupervisionLogEntry): Promise<{ seq: number; hash: string }> {
  const previous = queues.get(ctx.db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendNow(ctx, entry));
  queues.set(ctx.db, next);
  return next;
}

type Head = { seq: number; hash: string } | null;

/** Moves the pointer forward (never back). */
async function advanceHead(db: Connection, head: { seq: number; hash: string }): Promise<void> {
  try {
    await supervisionLogHeadModel(db).updateOne({ _id: 'head', seq: { $lt: head.seq } }, { $set: { seq: head.seq, hash: head.hash } }, { upsert: true });
  } catch (error) {
    // The upsert found the pointer at or past this record already.
    if (!isDuplicateKey(error)) throw error;
  }
}

async function readHead(db: Connection, taken: number | null): Promise<Head> {
  const pointer = await supervisionLogHeadModel(db).findById('head').lean();
  let head: Head = pointer && { seq: pointer.seq, hash: pointer.hash };
  if (!pointer) {
    // A log from before the pointer, or a pointer removed: find the head the slow way once.
    const last = await supervisionLogModel(db).findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean();
    head = last && { seq: last._id, hash: last.hash };
  } else if (taken !== null && pointer.seq < taken) {
    // Our place was taken but the pointer has not moved: its writer may have died.
    const record = await supervisionLogModel(db).findById(taken, { hash: 1 }).lean();
    if (record) head = { seq: taken, hash: record.hash };
  }
  if (head && (!pointer || head.seq > pointer.seq)) await advanceHead(db, head);
  return head;
}

async function appendNow(ctx: LogContext, entry: SupervisionLogEntry): Promise<{ seq: number; hash: string }> {
  const Log = supervisionLogModel(ctx.db);
  const alg = ctx.settings.logHashAlgorithm ?? 'sha256';
  let taken: number | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // A winner moves the pointer a moment after its insert: look behind it only after a few tries.
    const head = await readHead(ctx.db, attempt > 3 ? taken : null);
    const { record, content } = buildRecord(head, entry, new Date(ctx.now()), alg);
    try {
      await Log.create({
        _id: record.seq, prevHash: record.prevHash, hash: record.hash, content: record.content, at: new Date(content.at),
        action: content.action, actorId: content.actor.userId, actorName: content.actor.username,
        targetKind: content.target.kind, targetId: content.target.id, requestId: content.requestId,
      });
      await advanceHead(ctx.db, record);
      return { seq: record.seq, hash: record.hash };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      taken = record.seq;
      // Spread the losers out so they do not all collide on the next head again.
      await sleep(Math.random() * Math.min(50, 2 ** attempt));
    }
  }
  throw new Error(`supervision log: no free place after ${MAX_ATTEMPTS} attempts`);
}

/** Who and what of an API request, for the log. */
export interface Acting {
  caller: { userId: string; username: string; roles: readonly string[] };
  req?: Request;
}

/** Appends the action of a signed-in user; the request id links the record to the access log. */
export function logAction(
  ctx: LogContext, acting: Acting, action: string, target: LogTarget, details: Record<string, unknown> = {},
): Promise<{ seq: number; hash: string }> {
  const requestId = acting.req?.id === undefined ? null : String(acting.req.id);
  const { userId, username, roles } = acting.caller;
  return appendSupervisionLog(ctx, { actor: { userId, username, roles: [...roles] }, action, target, requestId, details });
}

/** The queryable copies must say what the hashed content says. */
function copiesMatch(doc: SupervisionLogDoc, c: LogContent): string | null {
  const same = doc.at.toISOString() === c.at && doc.action === c.action && doc.actorId === c.actor.userId &&
    doc.actorName === c.actor.username && doc.targetKind === c.target.kind && doc.targetId === c.target.id &&
    (doc.requestId ?? null) === c.requestId;
  return same ? null : 'the stored fields differ from the hashed content (the record was altered)';
}

/** A record's hash kept outside the database (an export's headHash, the provincial copy). */
export interface LogAnchor {
  seq: number;
  hash: string;
}

/**
 * Checks the stored chain from the first record, streaming in sequence order. The chain
 * alone cannot show that its newest records were cut off; an anchor can: the record it
 * names must still be there with the same hash.
 */
export async function verifyStoredLog(db: Connection, anchor?: LogAnchor): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let anchored = false;
  const cursor = supervisionLogModel(db).find({}).sort({ _id: 1 }).lean().cursor({ batchSize: 500 });
  for await (const doc of cursor) {
    verifier.push(toRecord(doc), undefined, (content) => copiesMatch(doc, content));
    if (anchor && doc._id === anchor.seq) {
      anchored = true;
      if (doc.hash !== anchor.hash) verifier.fail({ seq: anchor.seq, problem: 'the hash differs from the anchor kept outside the database' });
    }
  }
  if (anchor && !anchored) verifier.fail({ seq: anchor.seq, problem: 'the anchored record is missing: the log was cut short' });
  return verifier.report();
}

export interface LogQuery {
  afterSeq?: number;
  beforeSeq?: number;
  action?: string;
  actorId?: string;
  targetKind?: string;
  targetId?: string;
  limit?: number;
}

/** Newest first (or after `afterSeq`, oldest first), with the content parsed for reading. */
export async function listLog(db: Connection, q: LogQuery) {
  const filter: Record<string, unknown> = {};
  if (q.afterSeq !== undefined) filter['_id'] = { $gt: q.afterSeq };
  if (q.beforeSeq !== undefined) filter['_id'] = { ...(filter['_id'] as object | undefined), $lt: q.beforeSeq };
  for (const key of ['action', 'actorId', 'targetKind', 'targetId'] as const) if (q[key] !== undefined) filter[key] = q[key];
  const docs = await supervisionLogModel(db).find(filter).sort({ _id: q.afterSeq === undefined ? -1 : 1 }).limit(q.limit ?? 50).lean();
  return {
    records: docs.map((doc) => {
      const c = JSON.parse(doc.content) as LogContent;
      return { seq: doc._id, prevHash: doc.prevHash, hash: doc.hash, at: c.at, actor: c.actor, action: c.action, target: c.target,
        requestId: c.requestId, details: c.details, content: doc.content };
    }),
  };
}

/**
 * Writes records fromSeq..toSeq (default: all, up to the head when called) as NDJSON with
 * a header; records are immutable, so the head read first bounds a consistent snapshot.
 */
export async function writeLogExport(
  db: Connection, write: (chunk: string) => Promise<void>, range: { fromSeq?: number; toSeq?: number } = {},
): Promise<{ count: number }> {
  const Log = supervisionLogModel(db);
  const head = await Log.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean();
  const headSeq = head?._id ?? 0;
  const fromSeq = Math.max(1, range.fromSeq ?? 1);
  const toSeq = Math.min(headSeq, range.toSeq ?? headSeq);
  const before = fromSeq > 1 ? await Log.findById(fromSeq - 1, { hash: 1 }).lean() : null;
  const last = toSeq >= fromSeq ? await Log.findById(toSeq, { hash: 1 }).lean() : null;
  const prevHash = before?.hash ?? GENESIS_HASH;
  await write(headerLine({
    format: LOG_FORMAT, version: 1, canonicalization: CANONICALIZATION, fromSeq, toSeq: Math.max(toSeq, fromSeq - 1),
    count: Math.max(0, toSeq - fromSeq + 1), prevHash, headHash: last?.hash ?? prevHash, exportedAt: new Date().toISOString(),
  }));
  let count = 0;
  const cursor = Log.find({ _id: { $gte: fromSeq, $lte: toSeq } }).sort({ _id: 1 }).lean().cursor({ batchSize: 500 });
  for await (const doc of cursor) {
    await write(recordLine(toRecord(doc)));
    count++;
  }
  return { count };
}
