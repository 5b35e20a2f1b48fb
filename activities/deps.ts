import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { ChannelSettings, RecipientDirectory } from './notify/channels';
import type { DispositionClockSettings } from './oversight/disposition-clock';
import type { SupervisionActivityDeps } from './supervision';

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
  /** Anomalies' disposition clocks, started as the case workflow raises them; absent, the first action on one starts it. */
  dispositionClock?: DispositionClockSettings;
  /** When unhandled alerts are reminded about and escalated. */
  reminders?: SupervisionActivityDeps['reminders'];
}
