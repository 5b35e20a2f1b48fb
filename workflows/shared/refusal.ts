import { ApplicationFailure } from '@temporalio/common';

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

export interface OversightRefusal {
  code: OversightRefusalCode;
  reason: string;
}

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

/** Thrown by the deterministic rule checks; the update handler turns it into a failure. */
export class OversightRefused extends Error {
  constructor(readonly refusal: OversightRefusal) {
    super(refusal.reason);
  }
}

export function refuseWith(code: OversightRefusalCode, reason: string): never {
  throw new OversightRefused({ code, reason });
}

/** The failure a validator throws. */
export function oversightFailure(code: OversightRefusalCode, reason: string): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message: reason, nonRetryable: true, details: [{ code, reason } satisfies OversightRefusal] });
}

/** The refusal inside an update failure (`WorkflowUpdateFailedError.cause`), if it is one. */
export function oversightRefusalOf(error: unknown): OversightRefusal | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current instanceof ApplicationFailure && (OVERSIGHT_REFUSAL_CODES as readonly string[]).includes(current.type ?? '')) {
      return { code: current.type as OversightRefusalCode, reason: current.message };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
