import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { AlertRecord, Audience, RecordOutcome } from '../contract/case-records';

/** A person an audience resolves to. */
export interface Recipient {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** Resolves role-addressed audiences to people (the user directory lives with the API). */
export interface RecipientDirectory {
  resolve(audience: Audience[], department: string): Promise<Recipient[]>;
}

export interface ChannelSettings {
  smtp?: { url: string; from: string };
  webhook?: { url: string; secret: string };
  /** Per attempt, for both channels; a hanging server is given up after this long. */
  timeoutMs?: number;
}

/** What a recording activity answers: whether its alerts have anywhere to go besides the in-app inbox (written with them). */
export function recordOutcome(settings: ChannelSettings | undefined): RecordOutcome {
  return { outsideChannels: Boolean(settings?.smtp ?? settings?.webhook) };
}

/** The text every channel sends. */
export function messageOf(alert: AlertRecord): { subject: string; text: string } {
  const subject = `[Sunlight ${alert.level}] 办件 ${alert.caseNo}: ${alert.key}`;
  const text = [
    `办件 ${alert.caseNo} (${alert.itemCode}, ${alert.department})`,
    `${alert.reason}`,
    `threshold: ${new Date(alert.thresholdAt).toISOString()}${alert.provisional ? ' (provisional)' : ''}`,
  ].join('\n');
  return { subject, text };
}

/** What an alert says, whatever raised it: the text every channel sends, and the webhook's alert summary. */
export interface AlertMessage {
  alertId: string;
  subject: string;
  text: string;
  /** The `alert` object of the webhook body. */
  summary: Record<string, unknown>;
}

/** Sends one alert by e-mail over SMTP. */
export async function sendEmail(settings: NonNullable<ChannelSettings['smtp']>, to: string[], message: AlertMessage, timeoutMs: number): Promise<void> {
  const transport = nodemailer.createTransport({
    url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: settings.from, to, subject: message.subject, text: message.text, headers: { 'X-Sunlight-Alert': message.alertId } });
  } finally {
    transport.close();
  }
}

/** `sha256=<hex>` of `<timestamp>.<body>` keyed by the shared secret; receivers recompute and compare. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Posts one alert to the SMS/IM gateway, signed with HMAC-SHA256; a non-2xx answer or a timeout throws. */
export async function postWebhook(
  settings: NonNullable<ChannelSettings['webhook']>, deliveryId: string, message: AlertMessage, audience: Audience[], recipients: Recipient[], timeoutMs: number,
): Promise<void> {
  const body = JSON.stringify({
    deliveryId, alert: message.summary,
    audience, recipients: recipients.map(({ id, name, phone }) => ({ id, name, phone })), subject: message.subject, text: message.text,
  });
  const timestamp = String(Date.now());
  const response = await fetch(settings.url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-sunlight-delivery': deliveryId,
      'x-sunlight-timestamp': timestamp,
      'x-sunlight-signature': webhookSignature(settings.secret, timestamp, body),
    },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}
