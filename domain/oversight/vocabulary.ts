/**
 * The words of supervision orders (督办) and complaints (投诉): the rungs of their ladders,
 * who acts on them and why an action is refused.
 */
import type { Actor } from '../actor';
import { Refused, type RefusalOf } from '../refusal';

export type OversightAlertKind =
  | 'orderReminder'
  | 'orderOverdue'
  | 'orderEscalated'
  | 'complaintFirstResponseOverdue'
  | 'complaintHandlingWarning'
  | 'complaintHandlingOverdue'
  | 'complaintEscalated'
  | 'consultationWarning'
  | 'consultationOverdue'
  | 'consultationEscalated'
  | 'followUpWarning'
  | 'followUpOverdue'
  | 'followUpEscalated'
  | 'anomalyDispositionOverdue'
  | 'anomalyDecisionOverdue';

/** The same three rungs as a case's ladder: warning (预警), yellow (overdue), red (escalated). */
export type OversightAlertLevel = 'warning' | 'yellow' | 'red';

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
  'NOT_CONFIRMED',
  'ALREADY_OBJECTED',
  'OBJECTION_CLOSED',
  'NOT_OBJECTED',
] as const;
export type OversightRefusalCode = (typeof OVERSIGHT_REFUSAL_CODES)[number];

export type OversightRefusal = RefusalOf<OversightRefusalCode>;

/**
 * What an order's or complaint's rules read of the actor (domain/actor.ts): recorded
 * histories carry actors without positions.
 */
export type OversightActor = Pick<Actor, 'userId' | 'name' | 'roles' | 'department'>;

/** Every action carries an idempotency key: a repeated key answers the first result and applies nothing. */
export interface OversightActionBase {
  idempotencyKey: string;
  actor: OversightActor;
}

export function refuseWith(code: OversightRefusalCode, reason: string): never {
  throw new Refused<OversightRefusalCode>({ code, reason });
}
