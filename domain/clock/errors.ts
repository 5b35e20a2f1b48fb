/** Stable codes for impossible clock transitions. */
export type ClockErrorCode =
  | 'invalid-instant'
  | 'not-started'
  | 'already-stopped'
  | 'already-paused'
  | 'not-paused'
  | 'ambiguous-resume'
  | 'time-backwards';

/** Raised by the clock transitions; the state given is left untouched. */
export class ClockError extends Error {
  override readonly name = 'ClockError';

  constructor(
    readonly code: ClockErrorCode,
    message: string,
  ) {
    super(message);
  }
}
