import type { AlertRecord, AnomalyRecord, RecordBatch, RecordOutcome } from './contract/case-records';
import type { ActivityDeps } from './deps';
import { completeWhenWritten } from './detach';
import { evaluationActivities } from './evaluation';
import { deliverNotifications, type DeliverySummary } from './notify/deliver';
import { recordOutcome } from './notify/channels';
import { usersDirectory } from './notify/directory';
import { oversightActivities } from './oversight';
import { startDispositionClock } from './oversight/disposition-clock';
import { recordCaseEvents } from './record';
import { supervisionActivities } from './supervision';
import { voiceActivities } from './voice';

export type { ActivityDeps } from './deps';

/**
 * Every activity the worker registers. Workflows proxy the type of this object; every
 * activity is idempotent, so a retry never writes twice.
 */
export function createActivities(deps: ActivityDeps) {
  const utcOffsetMinutes = deps.utcOffsetMinutes ?? 480;
  return {
    /** Appends case events and updates the read model, alerts, anomalies, inbox and rollups. */
    async recordCaseEvents(batch: RecordBatch): Promise<RecordOutcome> {
      const clock = deps.dispositionClock;
      return completeWhenWritten(deps.logger, async (release) => {
        await recordCaseEvents({
          db: deps.db, utcOffsetMinutes, release, ...(deps.afterWrite && { afterWrite: deps.afterWrite }),
          ...(clock && { onAnomaly: (anomaly: AnomalyRecord) => startDispositionClock(deps.db, clock, anomaly) }),
        }, batch);
        return recordOutcome(deps.channels);
      });
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
    ...voiceActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
