import { createHash, randomUUID } from 'node:crypto';
import { logIntentClaimModel, logIntentModel, type LogIntentDoc } from '../../db/models/log-intent';
import { isDuplicateKey } from '../../db/errors';
import { guardedDelete, type Guard } from '../../db/guarded-write';
import type { ApiContext } from '../context';
import { ApiError, conflict, unprocessable } from '../http/errors';
import { appendSupervisionLog, type Acting } from './append';
import { canonicalJson, type LogActor, type LogTarget } from './chain';
import type { SupervisionLogAction } from '../../domain/records/supervision-log';

/*
 * Every logged administrative action is one unit of effect and log record, by a durable
 * intent: (1) the intent — the action, its arguments, the actor — is written first under an
 * id; (2) the effect is applied, idempotently under that id; (3) the log record is appended
 * carrying the id, and a second append of it is recognised; (4) the intent is marked done.
 * A failure anywhere after (1) leaves the intent pending, and the sweeper (or the same
 * request repeated under its Idempotency-Key) runs (2)–(4) again, so the effect is applied
 * once and recorded once, however often it is retried.
 *
 * Steps (2)–(4) run under a claim (`log_intent_claims`), so two processes — a repeated
 * request on another API process, or two sweepers — never complete one intent at once and
 * append its record twice: the claim is taken by inserting its generation under a unique
 * `_id`, and a claim is superseded only once its lease has passed (its holder died).
 */

/** How long a pending intent belongs to the request that wrote it before the sweeper takes it. */
export const INTENT_LEASE_MS = 120_000;

export interface IntentRef {
  id: string;
  /** True when a sweep or a repeat applies it again: the effect may already be there. */
  again: boolean;
}

/** What an applied effect answers, and what its log record says; `log: false` when it did nothing to record. */
export type Applied<R> = { result: R; target: LogTarget; details?: Record<string, unknown> } | { result: R; log: false };

export interface LoggedEffect<A, R> {
  action: SupervisionLogAction;
  /** Applies the effect; under the same intent id a second application changes nothing and answers alike. */
  apply: (ctx: ApiContext, args: A, intent: IntentRef) => Promise<Applied<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const effects = new Map<string, LoggedEffect<any, any>>();

/** Declares a logged effect; the sweeper finds it by its action. */
export function loggedEffect<A, R>(effect: LoggedEffect<A, R>): LoggedEffect<A, R> {
  effects.set(effect.action, effect);
  return effect;
}

/** An intent not yet completed (its claim is held by the one who deletes it). */
const STILL_PENDING: Guard<LogIntentDoc> = { filter: { state: 'pending' }, holds: (d) => d?.state === 'pending' };

const inProgress = () => conflict('request-in-progress', 'A request with this Idempotency-Key is being processed; repeat it in a moment.');

const hashOf = (args: unknown) => createHash('sha256').update(canonicalJson(args ?? null)).digest('hex');

/** Thrown when another process holds the claim on an intent. */
class IntentHeld extends Error {}

/** Takes the claim on an intent (see above) or throws `IntentHeld`; answers its release. */
async function claim(ctx: ApiContext, intentId: string): Promise<() => Promise<unknown>> {
  const Claims = logIntentClaimModel(ctx.db);
  const top = await Claims.findOne({ intentId }).sort({ gen: -1 }).lean();
  if (top && top.at.getTime() > ctx.now() - INTENT_LEASE_MS) throw new IntentHeld();
  const gen = (top?.gen ?? -1) + 1;
  const _id = `${intentId}:${gen}`;
  try {
    await Claims.create({ _id, intentId, gen, at: new Date(ctx.now()) });
  } catch (error) {
    if (isDuplicateKey(error)) throw new IntentHeld();
    throw error;
  }
  return () => Claims.deleteOne({ _id });
}

async function complete<A, R>(ctx: ApiContext, effect: LoggedEffect<A, R>, intent: LogIntentDoc & { _id: string }, args: A, again: boolean, keyed: boolean): Promise<R> {
  const release = await claim(ctx, intent._id);
  try {
    return await completeClaimed(ctx, effect, intent, args, again, keyed);
  } finally {
    await release().catch((err: unknown) => ctx.logger.warn({ err, intentId: intent._id }, 'intent claim not released; it lapses with its lease'));
  }
}

async function completeClaimed<A, R>(ctx: ApiContext, effect: LoggedEffect<A, R>, intent: LogIntentDoc & { _id: string }, args: A, again: boolean, keyed: boolean): Promise<R> {
  const Intents = logIntentModel(ctx.db);
  if (again) {
    // Another process may have completed it between our look and our claim.
    const now = await Intents.findById(intent._id, { state: 1, result: 1 }).lean();
    if (!now) throw new IntentHeld();
    if (now.state === 'done') return JSON.parse(now.result ?? 'null') as R;
  }
  let applied: Applied<R>;
  try {
    applied = await effect.apply(ctx, args, { id: intent._id, again });
  } catch (error) {
    // A refusal (404, 409, 422 …) means the effect did not happen: nothing to complete or log.
    if (error instanceof ApiError) await guardedDelete(Intents, intent._id, STILL_PENDING);
    throw error;
  }
  if (!('log' in applied)) {
    const actor = intent.actor as LogActor;
    await appendSupervisionLog(ctx, {
      actor: { userId: actor.userId, username: actor.username, roles: [...actor.roles] }, action: effect.action,
      target: applied.target, requestId: intent.requestId ?? null, details: applied.details ?? {}, intentId: intent._id,
    });
  }
  if (keyed) {
    await Intents.updateOne({ _id: intent._id }, { $set: { state: 'done', args: null, result: JSON.stringify(applied.result ?? null) } });
  } else {
    await Intents.deleteOne({ _id: intent._id });
  }
  return applied.result;
}

/**
 * Runs a logged administrative action as one unit (see above). With an idempotency key the
 * intent's id is the caller's key, so a repeat answers the first result (other arguments: 422),
 * and a repeat of one left pending by a failure completes it.
 */
export async function actLogged<A, R>(ctx: ApiContext, acting: Acting, effect: LoggedEffect<A, R>, args: A, key?: string): Promise<R> {
  const Intents = logIntentModel(ctx.db);
  const { userId, username, roles } = acting.caller;
  const intent = {
    _id: key === undefined ? randomUUID() : `${effect.action}:${userId}:${key}`, action: effect.action,
    args: JSON.stringify(args), argsHash: hashOf(args), actor: { userId, username, roles: [...roles] },
    requestId: acting.req?.id === undefined ? null : String(acting.req.id), state: 'pending' as const,
    createdAt: new Date(ctx.now()), result: null, keyed: key !== undefined,
  };
  try {
    await Intents.create(intent);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const found = await Intents.findById(intent._id).lean();
    if (!found) throw inProgress();
    if (found.argsHash !== intent.argsHash) {
      throw unprocessable('idempotency-key-reused', 'This Idempotency-Key was used for another request.');
    }
    if (found.state === 'done') return JSON.parse(found.result ?? 'null') as R;
    // Left pending by a failure after the effect: completing it again is harmless, as the
    // effect is idempotent and the record is appended once. Still running elsewhere: wait.
    return complete(ctx, effect, { ...found, _id: intent._id }, args, true, true).catch((error: unknown) => {
      if (error instanceof IntentHeld) throw inProgress();
      throw error;
    });
  }
  return complete(ctx, effect, intent, args, false, key !== undefined).catch((error: unknown) => {
    if (error instanceof IntentHeld) throw inProgress();
    throw error;
  });
}

/**
 * Completes intents left pending longer than `olderThanMs` (a process died, the log was
 * unreachable): applies each effect again (a no-op if it was there) and appends its record
 * once. Answers how many were completed.
 */
export async function completePendingIntents(ctx: ApiContext, olderThanMs = INTENT_LEASE_MS): Promise<number> {
  const pending = await logIntentModel(ctx.db)
    .find({ state: 'pending', createdAt: { $lte: new Date(ctx.now() - olderThanMs) } })
    .sort({ createdAt: 1 }).limit(100).lean();
  let completed = 0;
  for (const intent of pending) {
    const effect = effects.get(intent.action);
    if (!effect || intent.args === null || intent.args === undefined) continue;
    try {
      await complete(ctx, effect, intent, JSON.parse(intent.args) as unknown, true, intent.keyed);
      completed++;
    } catch (error) {
      if (error instanceof IntentHeld) continue;
      ctx.logger.warn({ err: error, intentId: intent._id, action: intent.action }, 'pending logged action not completed yet');
    }
  }
  return completed;
}

/** Sweeps on start and then periodically; answers a function that stops it. */
export function startIntentSweeper(ctx: ApiContext, everyMs = 60_000): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running.then(() => completePendingIntents(ctx)).catch((err: unknown) => ctx.logger.warn({ err }, 'intent sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
