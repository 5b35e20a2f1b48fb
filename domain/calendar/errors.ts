/** Stable codes for invalid calendar input; callers map them to answers, never parse messages. */
export type CalendarErrorCode =
  | 'invalid-date'
  | 'invalid-instant'
  | 'invalid-count'
  | 'invalid-hour'
  | 'invalid-offset';

/** Raised for input the working-day arithmetic cannot give a meaning to. */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Rejects anything but a finite whole number of working days ≥ 0. */
export function assertDayCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new CalendarError('invalid-count', `${what} must be a whole number of working days ≥ 0, got ${n}`);
  }
}

/** Rejects NaN, infinities and fractional epoch milliseconds. */
export function assertInstant(at: number, what: string): void {
  if (!Number.isSafeInteger(at)) {
    throw new CalendarError('invalid-instant', `${what} must be epoch milliseconds, got ${at}`);
  }
}
