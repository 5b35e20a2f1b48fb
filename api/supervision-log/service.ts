import type { Connection } from 'mongoose';
import { supervisionLogModel, type SupervisionLogDoc } from '../../db/models/supervision-log';
import {
  CANONICALIZATION, ChainVerifier, GENESIS_HASH, LOG_FORMAT, type ChainRecord, type ChainReport, type LogContent,
} from './chain';
import { headerLine, recordLine } from './export-file';

// Appending lives in append.ts; callers import it from here with the rest of the log's service.
export { appendSupervisionLog, logAction, type Acting, type LogContext } from './append';

function toRecord(doc: Pick<SupervisionLogDoc, '_id' | 'prevHash' | 'hash' | 'content'>): ChainRecord {
  return { seq: doc._id, prevHash: doc.prevHash, hash: doc.hash, content: doc.content };
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
  fromSeq?: number;
  toSeq?: number;
  action?: string;
  actorId?: string;
  actorName?: string;
  targetKind?: string;
  targetId?: string;
  limit?: number;
}

/** Newest first (or after `afterSeq`, oldest first), with the content parsed for reading. */
export async function listLog(db: Connection, q: LogQuery) {
  const filter: Record<string, unknown> = {};
  const bounds: Record<string, number> = {};
  if (q.afterSeq !== undefined) bounds['$gt'] = q.afterSeq;
  if (q.beforeSeq !== undefined) bounds['$lt'] = q.beforeSeq;
  if (q.fromSeq !== undefined) bounds['$gte'] = q.fromSeq;
  if (q.toSeq !== undefined) bounds['$lte'] = q.toSeq;
  if (Object.keys(bounds).length > 0) filter['_id'] = bounds;
  for (const key of ['action', 'actorId', 'actorName', 'targetKind', 'targetId'] as const) if (q[key] !== undefined) filter[key] = q[key];
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
