import type { Connection } from 'mongoose';
import type { Logger } from 'pino';

/** What activities need from the outside world; the worker builds it from configuration. */
export interface ActivityDeps {
  db: Connection;
  logger: Logger;
}

/**
 * Every activity the worker registers. Workflows proxy the type of this object; every
 * activity is idempotent, so a retry never writes twice.
 */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

export type Activities = ReturnType<typeof createActivities>;
