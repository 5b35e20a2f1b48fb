import type { Env } from '../../config/env';
import type { ChannelSettings } from './channels';

/** The notification channels configured in the environment; a channel is off while its settings are absent. */
export function channelSettings(env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET' | 'NOTIFY_TIMEOUT_SECONDS'>): ChannelSettings {
  return {
    timeoutMs: env.NOTIFY_TIMEOUT_SECONDS * 1000,
    ...(env.SMTP_URL && { smtp: { url: env.SMTP_URL, from: env.MAIL_FROM ?? 'sunlight@localhost' } }),
    ...(env.WEBHOOK_URL && env.WEBHOOK_SECRET && { webhook: { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET } }),
  };
}
