import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { alertModel, type AlertDoc } from '../db/models/alert';
import { guardedUpdate } from '../db/guarded-write';
import { recordInboxMessages } from '../db/queries/inbox-lists';
import { inboxAudiences } from '../db/queries/inbox';
import type { AlertRecord, Audience } from './contract/case-records';
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

/**
 * Finds alerts still unhandled past the configured times and not yet chased that far (an
 * indexed query on `handled, reminded, raisedAt`), and for each stage due writes inbox
 * messages and sends the e-mail and webhook notices. The alert's `reminded` moves on only
 * after the deliveries, so a failed channel is tried again on the next run; inbox messages
 * and deliveries are keyed by alert and stage, so nothing is sent twice. Alerts chased to
 * the end drop out of the query, so old ones never crowd out new ones.
 */
export async function remindUnhandledAlerts(deps: ReminderDeps, now: number): Promise<{ scanned: number; reminded: number; escalated: number; failed: number }> {
  const { db, settings } = deps;
  const alerts = await alertModel(db)
    .find({
      handled: { $ne: true },
      closed: { $ne: true },
      $or: [
        { reminded: null, raisedAt: { $lte: new Date(now - settings.remindAfterMs) } },
        { reminded: 'reminder', raisedAt: { $lte: new Date(now - settings.escalateAfterMs) } },
      ],
    })
    .sort({ raisedAt: 1 }).limit(settings.limit ?? 500).lean();
  const result = { scanned: alerts.length, reminded: 0, escalated: 0, failed: 0 };
  for (const alert of alerts) {
    const age = now - alert.raisedAt.getTime();
    const due: Stage[] = alert.reminded === 'reminder' ? ['escalation'] : age >= settings.escalateAfterMs ? ['reminder', 'escalation'] : ['reminder'];
    let reached = alert.reminded ?? null;
    for (const stage of due) {
      const record = reminderRecord(alert, stage, now, age);
      try {
        await recordInboxMessages(db, inboxAudiences(record.audience).map(([i, audience]) => ({
          _id: `${record.id}:${i}`, audience: audienceKey(audience), department: 'department' in audience ? audience.department : alert.department,
          caseNo: alert.caseNo, alertId: alert._id, level: alert.level, subject: `[${stage}] ${alert.caseNo} ${alert.key}`, body: record.reason,
          createdAt: new Date(now),
        })));
        await deliverNotifications({ db, channels: deps.channels ?? {}, ...(deps.directory && { directory: deps.directory }) }, { alert: record });
        const from = reached;
        await guardedUpdate(alertModel(db), alert._id, { filter: { reminded: from }, holds: (a) => (a?.reminded ?? null) === from }, { $set: { reminded: stage } });
        reached = stage;
        result[stage === 'reminder' ? 'reminded' : 'escalated']++;
      } catch (error) {
        result.failed++;
        deps.logger.warn({ alertId: alert._id, stage, err: error }, 'reminder not delivered; tried again on the next run');
        break;
      }
    }
  }
  return result;
}
