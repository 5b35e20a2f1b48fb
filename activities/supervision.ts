import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { ExportBatchRef } from '../db/models/export-state';
import type { UpwardExportSettings } from './export/upward';
import { upwardExportSteps } from './export/upward';
import type { ChannelSettings, RecipientDirectory } from './notify/channels';
import { remindUnhandledAlerts, type ReminderSettings } from './reminders';

export interface SupervisionActivityDeps {
  db: Connection;
  logger: Logger;
  channels?: ChannelSettings;
  directory?: RecipientDirectory;
  /** Absent: no upward export is configured, and its activities refuse to run. */
  upwardExport?: UpwardExportSettings;
  reminders?: ReminderSettings;
}

const DEFAULT_REMINDERS: ReminderSettings = { remindAfterMs: 4 * 3_600_000, escalateAfterMs: 24 * 3_600_000 };

/** Activities of the supervision office's background work: reminders on unhandled alerts and the upward export. */
export function supervisionActivities(deps: SupervisionActivityDeps) {
  const exporter = () => {
    if (!deps.upwardExport) throw new Error('no upward export is configured (EXPORT_URL, EXPORT_SECRET)');
    return upwardExportSteps({ db: deps.db, logger: deps.logger, settings: deps.upwardExport });
  };
  return {
    /** Reminds, then escalates, alerts nobody has handled in time. */
    async remindUnhandledAlerts(input: { now: number }) {
      const settings = deps.reminders ?? DEFAULT_REMINDERS;
      const result = await remindUnhandledAlerts({ ...deps, settings }, input.now);
      if (result.reminded + result.escalated > 0) deps.logger.info(result, 'unhandled alerts chased');
      return result;
    },
    /** The pending batch, or the next one read from the feed after the persisted cursor. */
    async prepareExportBatch(): Promise<ExportBatchRef | null> {
      return exporter().prepare();
    },
    /** Posts the batch with its Idempotency-Key and signature; fails (and is retried) until the receiver accepts it. */
    async deliverExportBatch(batch: ExportBatchRef): Promise<{ status: number }> {
      return exporter().deliver(batch);
    },
    /** Moves the cursor past an acknowledged batch. */
    async commitExportBatch(batch: ExportBatchRef): Promise<{ cursor: string }> {
      return exporter().commit(batch);
    },
  };
}

export type SupervisionActivities = ReturnType<typeof supervisionActivities>;
