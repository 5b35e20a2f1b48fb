/**
 * A rule check refuses with a stable code and a reason; the workflows turn the refusal into
 * the failure an update answers (workflows/shared/refusal.ts).
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
