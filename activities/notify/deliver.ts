import type { Connection } from 'mongoose';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { alertModel } from '../../db/models/alert';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import type { AlertRecord } from '../contract/case-records';
import type { Audience } from '../contract/case-records';
import { messageOf, postWebhook, sendEmail, type AlertMessage, type ChannelSettings, type RecipientDirectory } from './channels';

export interface NotifyDeps {
  db: Connection;
  channels: ChannelSettings;
  directory?: RecipientDirectory;
}

export interface DeliverySummary {
  delivered: string[];
  skipped: string[];
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** One alert to deliver, whatever raised it (a case's ladder, a supervision order's, a complaint's). */
export interface AlertDelivery {
  message: AlertMessage;
  caseNo: string;
  department: string;
  audience: Audience[];
}

/**
 * Delivers one alert on every configured channel besides the in-app inbox (written when
 * the alert was recorded). Each channel has a delivery record keyed by alert and
 * channel: a channel already delivered is not sent again on retry. A failing channel is
 * recorded and makes the activity fail, so Temporal retries it with backoff; the other
 * channels are not held back.
 */
export async function deliverAlert(deps: NotifyDeps, delivery: AlertDelivery): Promise<DeliverySummary> {
  const { message } = delivery;
  const Delivery = notificationDeliveryModel(deps.db);
  const timeoutMs = deps.channels.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { smtp, webhook } = deps.channels;
  const recipients = deps.directory && (smtp || webhook) ? await deps.directory.resolve(delivery.audience, delivery.department) : [];
  const summary: DeliverySummary = { delivered: [], skipped: [] };
  const failures: string[] = [];
  const channels: { name: string; recipients: string[]; send?: (id: string) => Promise<void> }[] = [];
  if (smtp) {
    const to = recipients.flatMap((r) => r.email ?? []);
    channels.push({ name: 'email', recipients: to, ...(to.length > 0 && { send: () => sendEmail(smtp, to, message, timeoutMs) }) });
  }
  if (webhook) {
    channels.push({ name: 'webhook', recipients: recipients.map((r) => r.id), send: (id) => postWebhook(webhook, id, message, delivery.audience, recipients, timeoutMs) });
  }
  for (const channel of channels) {
    const _id = `${message.alertId}:${channel.name}`;
    const existing = await Delivery.findById(_id).lean();
    if (existing?.status === 'delivered' || existing?.status === 'skipped') {
      summary[existing.status].push(channel.name);
      continue;
    }
    const base = { alertId: message.alertId, caseNo: delivery.caseNo, channel: channel.name, recipients: channel.recipients };
    if (!channel.send) {
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'skipped', lastError: 'no recipient with an address' } }, { upsert: true });
      summary.skipped.push(channel.name);
      continue;
    }
    const at = new Date();
    try {
      await channel.send(_id);
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'delivered', lastAttemptAt: at, deliveredAt: at, lastError: null }, $inc: { attempts: 1 } }, { upsert: true });
      await guardedUpdate(alertModel(deps.db), message.alertId, ALWAYS, {
        $push: { notified: { $each: channel.recipients.map((recipient) => ({ channel: channel.name, recipient, at, status: 'delivered' })) } },
      });
      summary.delivered.push(channel.name);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'failed', lastAttemptAt: at, lastError: text }, $inc: { attempts: 1 } }, { upsert: true });
      failures.push(`${channel.name}: ${text}`);
    }
  }
  if (failures.length > 0) throw new Error(`notification channels failed: ${failures.join('; ')}`);
  return summary;
}

/** Delivers a case alert of the ladder (see {@link deliverAlert}). */
export function deliverNotifications(deps: NotifyDeps, { alert }: { alert: AlertRecord }): Promise<DeliverySummary> {
  return deliverAlert(deps, {
    message: {
      alertId: alert.id,
      ...messageOf(alert),
      summary: { id: alert.id, caseNo: alert.caseNo, level: alert.level, key: alert.key, thresholdAt: alert.thresholdAt },
    },
    caseNo: alert.caseNo,
    department: alert.department,
    audience: alert.audience,
  });
}
