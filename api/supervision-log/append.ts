import { setTimeout as sleep } from 'node:timers/promises';
import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { guardedUpdate } from '../../db/guarded-write';
import { supervisionLogHeadModel, supervisionLogModel } from '../../db/models/supervision-log';
import { buildRecord, type HashAlgorithm, type LogTarget, type SupervisionLogEntry } from './chain';
import { isDuplicateKey } from '../../db/errors';
import type { SupervisionLogAction } from '../../domain/records/supervision-log';

/** What appending needs: any ApiContext will do. */
export interface LogContext {
  db: Connection;
  now: () => number;
  settings: { logHashAlgorithm?: HashAlgorithm };
}

const MAX_ATTEMPTS = 200;

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
    await guardedUpdate(supervisionLogHeadModel(db), 'head', { filter: { seq: { $lt: head.seq } }, holds: (h) => h === null || h.seq < head.seq },
      { $set: { seq: head.seq, hash: head.hash } }, { upsert: true });
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
  if (entry.intentId !== undefined) {
    // Appends through one connection are queued, so this look and the insert below are one step here.
    const done = await Log.findOne({ intentId: entry.intentId }, { _id: 1, hash: 1 }).lean();
    if (done) return { seq: done._id, hash: done.hash };
  }
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
        intentId: entry.intentId ?? null,
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
  ctx: LogContext, acting: Acting, action: SupervisionLogAction, target: LogTarget, details: Record<string, unknown> = {},
): Promise<{ seq: number; hash: string }> {
  const requestId = acting.req?.id === undefined ? null : String(acting.req.id);
  const { userId, username, roles } = acting.caller;
  return appendSupervisionLog(ctx, { actor: { userId, username, roles: [...roles] }, action, target, requestId, details });
}
