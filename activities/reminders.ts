import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from 'pino';
import { alertModel, type AlertDoc } from '../db/models/alert';
import { inboxMessageModel } from '../db/models/inbox-message';
import type { AlertRecord, Audience } from '../workflows/case/records';
import type { ChannelSettings, RecipientDirectory } from './notify/channels';
import { deliverNotifications } from './notify/deliver';
import { audienceKey } from './record';

/** When an unhandled alert is chased: REMINDER_AFTER_MINUTES, REMINDER_ESCALATE_AFTER_MINUTES. */
export interface ReminderSettings {
  remindAfterMs: number;
  escalateAfterMs: number;
  /** Alerts looked at per run, oldest first; default 500. */
  limit?: number;
}

export interface ReminderDeps {
  db: Connection;
  logger: Logger;
  settings: ReminderSettings;
  channels?: ChannelSettings;
  directory?: RecipientDirectory;
}

type Stage = 'reminder' | 'escalation';

type UnhandledAlert = Pick<AlertDoc, 'caseNo' | 'itemCode' | 'department' | 'key' | 'kind' | 'level' | 'reason' | 'thresholdAt' | 'provisional'> & {
  _id: string;
  audience: unknown[];
};

interface ReminderDoc {
  _id: string;
  alertId: string;
  stage: Stage;
  at: Date;
}

const reminderSchema = new Schema<ReminderDoc>(
  { _id: { type: String, required: true }, alertId: String, stage: String, at: Date },
  { bufferCommands: false, versionKey: false },
);

/** `<alert id>:<stage>`, written once the stage's inbox messages and deliveries are done. */
export function alertReminderModel(db: Connection): Model<ReminderDoc> {
  return (db.models['AlertReminder'] as Model<ReminderDoc> | undefined) ?? db.model<ReminderDoc>('AlertReminder', reminderSchema, 'alert_reminders');
}

/** A reminder goes back to the department; an escalation goes over its head. */
function audienceOf(stage: Stage, alert: UnhandledAlert): Audience[] {
  if (stage === 'escalation') return [{ kind: 'supervision-office' }, { kind: 'department-leadership', department: alert.department }];
  const assignees = (alert.audience as Audience[]).filter((a) => a.kind === 'assignee');
  return [...assignees, { kind: 'department-head', department: alert.department }];
}

function reminderRecord(alert: UnhandledAlert, stage: Stage, now: number, age: number): AlertRecord {
  const hours = Math.floor(age / 3_600_000);
  return {
    id: `${alert._id}:${stage}`, caseNo: alert.caseNo, itemCode: alert.itemCode, department: alert.department,
    key: `${alert.key}:${stage}`, kind: alert.kind as AlertRecord['kind'], level: alert.level as AlertRecord['level'],
    thresholdAt: alert.thresholdAt.getTime(), raisedAt: now, provisional: alert.provisional,
    reason: `${stage === 'escalation' ? '督促升级' : '未处理提醒'}: ${alert.reason} (unhandled for ${hours} h)`,
    audience: audienceOf(stage, alert),
  };
}

const indexed = new WeakSet<Connection>();

/**
 * Finds alerts still unhandled past the configured times (an indexed range on
 * `handled, raisedAt`) and, once per alert and stage, writes inbox messages and sends the
 * e-mail and webhook notices. A stage is marked done only after its deliveries, so a
 * failed channel is tried again on the next run; inbox messages and deliveries are keyed
 * by alert and stage, so nothing is sent twice.
 */
export async function remindUnhandledAlerts(deps: ReminderDeps, now: number): Promise<{ scanned: number; reminded: number; escalated: number; failed: number }> {
  const { db, settings } = deps;
  if (!indexed.has(db)) {
    await db.collection('alerts').createIndex({ handled: 1, raisedAt: 1 });
    indexed.add(db);
  }
  const alerts = await alertModel(db)
    // Orders and complaints chase their own alerts through their workflows' ladders.
    .find({ handled: { $ne: true }, raisedAt: { $lte: new Date(now - settings.remindAfterMs) }, subject: { $nin: ['supervision-order', 'complaint'] } })
    .sort({ raisedAt: 1 }).limit(settings.limit ?? 500).lean();
  const ids = alerts.flatMap((a) => [`${a._id}:reminder`, `${a._id}:escalation`]);
  const done = new Set((await alertReminderModel(db).find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((r) => r._id));
  const result = { scanned: alerts.length, reminded: 0, escalated: 0, failed: 0 };
  for (const alert of alerts) {
    const age = now - alert.raisedAt.getTime();
    const due: Stage[] = age >= settings.escalateAfterMs ? ['reminder', 'escalation'] : ['reminder'];
    for (const stage of due) {
      if (done.has(`${alert._id}:${stage}`)) continue;
      const record = reminderRecord(alert, stage, now, age);
      try {
        for (const [i, audience] of record.audience.entries()) {
          await inboxMessageModel(db).updateOne({ _id: `${record.id}:${i}` }, {
            $setOnInsert: {
              audience: audienceKey(audience), department: 'department' in audience ? audience.department : null, caseNo: alert.caseNo,
              alertId: alert._id, level: alert.level, subject: `[${stage}] ${alert.caseNo} ${alert.key}`, body: record.reason, createdAt: new Date(now),
            },
          }, { upsert: true });
        }
        await deliverNotifications({ db, channels: deps.channels ?? {}, ...(deps.directory && { directory: deps.directory }) }, { alert: record });
        await alertReminderModel(db).updateOne({ _id: record.id }, { $setOnInsert: { alertId: alert._id, stage, at: new Date(now) } }, { upsert: true });
        result[stage === 'reminder' ? 'reminded' : 'escalated']++;
      } catch (error) {
        result.failed++;
        deps.logger.warn({ alertId: alert._id, stage, err: error }, 'reminder not delivered; tried again on the next run');
      }
    }
  }
  return result;
}
