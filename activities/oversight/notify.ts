import type { Connection } from 'mongoose';
import nodemailer from 'nodemailer';
import { alertModel } from '../../db/models/alert';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import type { OversightAlertRecord } from '../../workflows/oversight/records';
import { webhookSignature, type ChannelSettings, type Recipient, type RecipientDirectory } from '../notify/channels';
import type { DeliverySummary } from '../notify/deliver';

export interface OversightNotifyDeps {
  db: Connection;
  channels: ChannelSettings;
  directory?: RecipientDirectory;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const SUBJECT_NAME = { 'supervision-order': '督办', complaint: '投诉' } as const;

export function oversightMessage(alert: OversightAlertRecord): { subject: string; text: string } {
  const subject = `[Sunlight ${alert.level}] ${SUBJECT_NAME[alert.subject]} ${alert.subjectId}: ${alert.key}`;
  const text = [
    `${SUBJECT_NAME[alert.subject]} ${alert.subjectId} (${alert.department}${alert.caseNo ? `, 办件 ${alert.caseNo}` : ''})`,
    alert.reason,
    `threshold: ${new Date(alert.thresholdAt).toISOString()}${alert.provisional ? ' (provisional)' : ''}`,
  ].join('\n');
  return { subject, text };
}

async function sendEmail(settings: NonNullable<ChannelSettings['smtp']>, to: string[], alert: OversightAlertRecord, timeoutMs: number) {
  const transport = nodemailer.createTransport({ url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transport.sendMail({ from: settings.from, to, ...oversightMessage(alert), headers: { 'X-Sunlight-Alert': alert.id } });
  } finally {
    transport.close();
  }
}

async function postWebhook(settings: NonNullable<ChannelSettings['webhook']>, deliveryId: string, alert: OversightAlertRecord, recipients: Recipient[], timeoutMs: number) {
  const body = JSON.stringify({
    deliveryId,
    alert: { id: alert.id, subject: alert.subject, subjectId: alert.subjectId, caseNo: alert.caseNo, level: alert.level, key: alert.key, thresholdAt: alert.thresholdAt },
    audience: alert.audience, recipients: recipients.map(({ id, name, phone }) => ({ id, name, phone })), ...oversightMessage(alert),
  });
  const timestamp = String(Date.now());
  const response = await fetch(settings.url, {
    method: 'POST', body,
    headers: {
      'content-type': 'application/json', 'x-sunlight-delivery': deliveryId, 'x-sunlight-timestamp': timestamp,
      'x-sunlight-signature': webhookSignature(settings.secret, timestamp, body),
    },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

/**
 * Delivers an order's or complaint's alert by e-mail and the signed SMS/IM webhook (the
 * inbox message was written with the alert), with the same per-channel delivery records
 * as case alerts: a channel delivered is not sent again on retry; a failing one fails the
 * activity so Temporal retries it.
 */
export async function deliverOversightAlert(deps: OversightNotifyDeps, { alert }: { alert: OversightAlertRecord }): Promise<DeliverySummary> {
  const Delivery = notificationDeliveryModel(deps.db);
  const timeoutMs = deps.channels.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const recipients = deps.directory ? await deps.directory.resolve(alert.audience, alert.department) : [];
  const summary: DeliverySummary = { delivered: [], skipped: [] };
  const failures: string[] = [];
  const channels: { name: string; recipients: string[]; send?: (id: string) => Promise<void> }[] = [];
  const { smtp, webhook } = deps.channels;
  if (smtp) {
    const to = recipients.flatMap((r) => r.email ?? []);
    channels.push({ name: 'email', recipients: to, ...(to.length > 0 && { send: () => sendEmail(smtp, to, alert, timeoutMs) }) });
  }
  if (webhook) channels.push({ name: 'webhook', recipients: recipients.map((r) => r.id), send: (id) => postWebhook(webhook, id, alert, recipients, timeoutMs) });
  for (const channel of channels) {
    const _id = `${alert.id}:${channel.name}`;
    const existing = await Delivery.findById(_id).lean();
    if (existing?.status === 'delivered' || existing?.status === 'skipped') {
      summary[existing.status].push(channel.name);
      continue;
    }
    const base = { alertId: alert.id, caseNo: alert.caseNo ?? alert.subjectId, channel: channel.name, recipients: channel.recipients };
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
