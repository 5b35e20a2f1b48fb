import type { Connection } from 'mongoose';
import { alertModel } from '../../db/models/alert';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import type { AlertRecord } from '../../workflows/case/records';
import { postWebhook, sendEmail, type ChannelSettings, type RecipientDirectory } from './channels';

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

/**
 * Delivers one alert on every configured channel besides the in-app inbox (written when
 * the alert was recorded). Each channel has a delivery record keyed by alert and
 * channel: a channel already delivered is not sent again on retry. A failing channel is
 * recorded and makes the activity fail, so Temporal retries it with backoff; the other
 * channels are not held back.
 */
export async function deliverNotifications(deps: NotifyDeps, { alert }: { alert: AlertRecord }): Promise<DeliverySummary> {
  const Delivery = notificationDeliveryModel(deps.db);
  const timeoutMs = deps.channels.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { smtp, webhook } = deps.channels;
  const recipients = deps.directory && (smtp || webhook) ? await deps.directory.resolve(alert.audience, alert.department) : [];
  const summary: DeliverySummary = { delivered: [], skipped: [] };
  const failures: string[] = [];
  const channels: { name: string; recipients: string[]; send?: (id: string) => Promise<void> }[] = [];
  if (smtp) {
    const to = recipients.flatMap((r) => r.email ?? []);
    channels.push({ name: 'email', recipients: to, ...(to.length > 0 && { send: () => sendEmail(smtp, to, alert, timeoutMs) }) });
  }
  if (webhook) {
    channels.push({ name: 'webhook', recipients: recipients.map((r) => r.id), send: (id) => postWebhook(webhook, id, alert, recipients, timeoutMs) });
  }
  for (const channel of channels) {
    const _id = `${alert.id}:${channel.name}`;
    const existing = await Delivery.findById(_id).lean();
    if (existing?.status === 'delivered' || existing?.status === 'skipped') {
      summary[existing.status === 'delivered' ? 'delivered' : 'skipped'].push(channel.name);
      continue;
    }
    const base = { alertId: alert.id, caseNo: alert.caseNo, channel: channel.name, recipients: channel.recipients };
    if (!channel.send) {
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'skipped', lastError: 'no recipient with an address' } }, { upsert: true });
      summary.skipped.push(channel.name);
      continue;
    }
    const at = new Date();
    try {
      await channel.send(_id);
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'delivered', lastAttemptAt: at, deliveredAt: at, lastError: null }, $inc: { attempts: 1 } }, { upsert: true });
      await alertModel(deps.db).updateOne({ _id: alert.id }, {
        $push: { notified: { $each: channel.recipients.map((recipient) => ({ channel: channel.name, recipient, at, status: 'delivered' })) } },
      });
      summary.delivered.push(channel.name);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await Delivery.updateOne({ _id }, { $set: { ...base, status: 'failed', lastAttemptAt: at, lastError: message }, $inc: { attempts: 1 } }, { upsert: true });
      failures.push(`${channel.name}: ${message}`);
    }
  }
  if (failures.length > 0) throw new Error(`notification channels failed: ${failures.join('; ')}`);
  return summary;
}
