import type { Connection } from 'mongoose';
import type { OversightAlertRecord } from '../contract/oversight-records';
import type { ChannelSettings, RecipientDirectory } from '../notify/channels';
import { deliverAlert, type DeliverySummary } from '../notify/deliver';

export interface OversightNotifyDeps {
  db: Connection;
  channels: ChannelSettings;
  directory?: RecipientDirectory;
}

const SUBJECT_NAME = { 'supervision-order': '督办', complaint: '投诉', consultation: '咨询', 'follow-up': '差评整改回访', anomaly: '异常' } as const;

export function oversightMessage(alert: OversightAlertRecord): { subject: string; text: string } {
  const subject = `[Sunlight ${alert.level}] ${SUBJECT_NAME[alert.subject]} ${alert.subjectId}: ${alert.key}`;
  const text = [
    `${SUBJECT_NAME[alert.subject]} ${alert.subjectId} (${alert.department}${alert.caseNo ? `, 办件 ${alert.caseNo}` : ''})`,
    alert.reason,
    `threshold: ${new Date(alert.thresholdAt).toISOString()}${alert.provisional ? ' (provisional)' : ''}`,
  ].join('\n');
  return { subject, text };
}

/**
 * Delivers an order's or complaint's alert by e-mail and the signed SMS/IM webhook (the
 * inbox message was written with the alert), with the same per-channel delivery records
 * as case alerts: a channel delivered is not sent again on retry; a failing one fails the
 * activity so Temporal retries it.
 */
export function deliverOversightAlert(deps: OversightNotifyDeps, { alert }: { alert: OversightAlertRecord }): Promise<DeliverySummary> {
  return deliverAlert(deps, {
    message: {
      alertId: alert.id,
      ...oversightMessage(alert),
      summary: { id: alert.id, subject: alert.subject, subjectId: alert.subjectId, caseNo: alert.caseNo, level: alert.level, key: alert.key, thresholdAt: alert.thresholdAt },
    },
    caseNo: alert.caseNo ?? alert.subjectId,
    department: alert.department,
    audience: alert.audience,
  });
}
