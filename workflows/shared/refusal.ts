/**
 * One refusal family for every workflow: a rule check throws {@link Refused} with a stable
 * code; the update handler or validator turns it into a non-retryable `ApplicationFailure`
 * whose type is the code; the API finds it again with {@link findRefusal}. Each workflow
 * names its own codes (the case in case/contract.ts, orders and complaints below).
 */
import { ApplicationFailure } from '@temporalio/common';
import { Refused, type RefusalOf } from '../../domain/refusal';
import { OVERSIGHT_REFUSAL_CODES, type OversightRefusal, type OversightRefusalCode } from '../../domain/oversight/vocabulary';

export { Refused, type RefusalOf };
export * from '../../domain/oversight/vocabulary';

/** The failure a validator or an update handler throws. */
export function refusalFailure<C extends string>(code: C, reason: string): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message: reason, nonRetryable: true, details: [{ code, reason } satisfies RefusalOf<C>] });
}

/** The refusal with one of `codes` inside an update failure (`WorkflowUpdateFailedError.cause`), if it is one. */
export function findRefusal<C extends string>(codes: readonly C[], error: unknown): RefusalOf<C> | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current instanceof ApplicationFailure && (codes as readonly string[]).includes(current.type ?? '')) {
      return { code: current.type as C, reason: current.message };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The failure a validator throws. */
export const oversightFailure: (code: OversightRefusalCode, reason: string) => ApplicationFailure = refusalFailure;

/** The refusal inside an update failure (`WorkflowUpdateFailedError.cause`), if it is one. */
export function oversightRefusalOf(error: unknown): OversightRefusal | undefined {
  return findRefusal(OVERSIGHT_REFUSAL_CODES, error);
}
