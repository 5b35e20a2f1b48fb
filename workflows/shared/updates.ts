import type { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { Instant } from '../../domain/calendar/local-date';
import { Refused } from './refusal';

/** A first result kept under its idempotency key, with the update that produced it. */
export interface StoredResult<R> {
  key: string;
  update: string;
  /** The arguments' fingerprint, when the workflow compares a repeated key's arguments. */
  fingerprint?: string;
  result: R;
}

export interface IdempotentUpdate<A extends { idempotencyKey: string }, R> {
  /** The kept first results, in arrival order (state that continue-as-new may carry). */
  results: () => StoredResult<R>[];
  kept: number;
  /** Why the arguments cannot be an action at all (no key, no actor), else undefined. */
  malformed: (args: A) => string | undefined;
  /** Why a repeated key is refused: another update, or other arguments under the same key. */
  reused: (first: StoredResult<R>, args: A) => string | undefined;
  fingerprint?: (args: A) => string;
  /** The rule check the validator runs; throws {@link Refused}. */
  check: (args: A, at: Instant) => void;
  /** Checks again and applies; throws {@link Refused}. */
  apply: (args: A, at: Instant) => R;
  /** The workflow's own failure for a refusal code. */
  failure: (code: string, reason: string) => ApplicationFailure;
  changed: () => void;
}

/**
 * Registers an update whose validator runs the same rule check as the handler, so a refused
 * action is refused synchronously and never enters history. A repeated idempotency key
 * answers the first result and applies nothing; the same key for another update is refused.
 */
export function registerIdempotentUpdate<A extends { idempotencyKey: string }, R>(
  definition: UpdateDefinition<R, [A]>,
  update: IdempotentUpdate<A, R>,
): void {
  const name = definition.name;
  const earlier = (args: A) => update.results().find((r) => r.key === args.idempotencyKey);
  const refused = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Refused) throw update.failure(error.refusal.code, error.refusal.reason);
      throw error;
    }
  };
  setHandler(
    definition,
    (args) => {
      const first = earlier(args);
      if (first) return first.result;
      const at = Date.now();
      const result = refused(() => update.apply(args, at));
      const results = update.results();
      results.push({ key: args.idempotencyKey, update: name, ...(update.fingerprint && { fingerprint: update.fingerprint(args) }), result });
      if (results.length > update.kept) results.splice(0, results.length - update.kept);
      update.changed();
      return result;
    },
    {
      validator: (args) => {
        const malformed = update.malformed(args);
        if (malformed !== undefined) throw update.failure('INVALID_ARGUMENT', malformed);
        const first = earlier(args);
        if (first) {
          const reused = update.reused(first, args);
          if (reused !== undefined) throw update.failure('IDEMPOTENCY_KEY_REUSED', reused);
          return;
        }
        refused(() => update.check(args, Date.now()));
      },
    },
  );
}
