import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AlertRecord, RecordBatch } from './contract/case-records';
import type { ChannelSettings, RecipientDirectory } from './notify/channels';
import { evaluationActivities } from './evaluation';
import { deliverNotifications, type DeliverySummary } from './notify/deliver';
import { usersDirectory } from './notify/directory';
import { oversightActivities } from './oversight';
import { recordCaseEvents } from './record';
import { supervisionActivities, type SupervisionActivityDeps } from './supervision';

/** What activities need from the outside world; the worker builds it from configuration. */
export interface ActivityDeps {
  db: Connection;
  logger: Logger;
  /** E-mail and webhook channels; a channel is off when its settings are absent. */
  channels?: ChannelSettings;
  /** Who an audience is; default: the platform's users (collection `users`). */
  directory?: RecipientDirectory;
  /** UTC offset of the work calendar's zone, for the day of the rollup counters; default +08:00. */
  utcOffsetMinutes?: number;
  /** Test hook: runs after an activity's writes, before it returns. */
  afterWrite?: (activity: string) => void;
  /** The provincial receiver of the upward export; absent, no export runs. */
  upwardExport?: SupervisionActivityDeps['upwardExport'];
  /** When unhandled alerts are reminded about and escalated. */
  reminders?: SupervisionActivityDeps['reminders'];
}

/**
 * Every activity the worker registers. Workflows proxy the type of this object; every
 * activity is idempotent, so a retry never writes twice.
 */
export function createActivities(deps: ActivityDeps) {
  const utcOffsetMinutes = deps.utcOffsetMinutes ?? 480;
  return {
    /** Appends case events and updates the read model, alerts, anomalies, inbox and rollups. */
    async recordCaseEvents(batch: RecordBatch): Promise<void> {
      await recordCaseEvents({ db: deps.db, utcOffsetMinutes, ...(deps.afterWrite && { afterWrite: deps.afterWrite }) }, batch);
    },
    /** Sends an alert by e-mail and the SMS/IM webhook; the inbox message was written with the alert. */
    async deliverNotifications(input: { alert: AlertRecord }): Promise<DeliverySummary> {
      const summary = await deliverNotifications(
        { db: deps.db, channels: deps.channels ?? {}, directory: deps.directory ?? usersDirectory(deps.db) }, input,
      );
      deps.logger.debug({ alertId: input.alert.id, ...summary }, 'notifications delivered');
      return summary;
    },
    ...oversightActivities(deps),
    ...evaluationActivities(deps),
    ...supervisionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
