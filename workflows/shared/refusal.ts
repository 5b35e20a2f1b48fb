import { ApplicationFailure } from '@temporalio/common';

/**
 * One refusal family for every workflow: a rule check throws {@link Refused} with a stable
 * code; the update handler or validator turns it into a non-retryable `ApplicationFailure`
 * whose type is the code; the API finds it again with {@link findRefusal}. Each workflow
 * names its own codes (the case in case/contract.ts, orders and complaints below).
 */
export interface RefusalOf<C extends string> {
  code: C;
  reason: string;
}

/** Thrown by the deterministic rule checks; the update handler turns it into a failure. */
export class Refused<C extends string = string> extends Error {
  constructor(readonly refusal: RefusalOf<C>) {
    super(refusal.reason);
  }
}

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

/** Stable codes of a refused order or complaint action (the validator's `ApplicationFailure.type`). */
export const OVERSIGHT_REFUSAL_CODES = [
  'INVALID_ARGUMENT',
  'ROLE_NOT_ALLOWED',
  'DEPARTMENT_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_REUSED',
  'ALREADY_ANSWERED',
  'ALREADY_CONCLUDED',
  'NOT_ANSWERED',
  'NOT_YET_OVERDUE',
  'NOT_TRANSFERRED',
  'ALREADY_IN_DEPARTMENT',
  'NOT_CONCLUDED',
  'ALREADY_RATED',
  'RATING_CLOSED',
] as const;
export type OversightRefusalCode = (typeof OVERSIGHT_REFUSAL_CODES)[number];

export type OversightRefusal = RefusalOf<OversightRefusalCode>;

/** Who acts on an order or complaint; the API fills it from the authenticated user. */
export interface OversightActor {
  userId: string;
  name?: string;
  /** Platform roles (supervisor, department-officer, …); `public` for a complainant. */
  roles: string[];
  department: string | null;
}

/** Every action carries an idempotency key: a repeated key answers the first result and applies nothing. */
export interface OversightActionBase {
  idempotencyKey: string;
  actor: OversightActor;
}

export function refuseWith(code: OversightRefusalCode, reason: string): never {
  throw new Refused<OversightRefusalCode>({ code, reason });
}

/** The failure a validator throws. */
export const oversightFailure: (code: OversightRefusalCode, reason: string) => ApplicationFailure = refusalFailure;

/** The refusal inside an update failure (`WorkflowUpdateFailedError.cause`), if it is one. */
export function oversightRefusalOf(error: unknown): OversightRefusal | undefined {
  return findRefusal(OVERSIGHT_REFUSAL_CODES, error);
}
