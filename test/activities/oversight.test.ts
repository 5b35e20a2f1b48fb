import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { webhookSignature } from '../../activities/notify/channels';
import { deliverOversightAlert } from '../../activities/oversight/notify';
import { recordSupervisionOrder } from '../../activities/oversight/record';
import type { SupervisionOrderRecord } from '../../activities/oversight/records';
import { alertModel } from '../../db/models/alert';
import { inboxMessageModel } from '../../db/models/inbox-message';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import { oversightEventModel } from '../../db/models/oversight-event';
import { supervisionOrderModel } from '../../db/models/supervision-order';
import type { OversightAlertRecord, OversightEventRecord } from '../../activities/contract/oversight-records';

const at = (iso: string) => Date.parse(iso);

function order(orderId: string, seq: number, status: SupervisionOrderRecord['status']): SupervisionOrderRecord {
  return {
    orderId, subject: { kind: 'case', caseNo: 'SL20260302000001' }, caseNo: 'SL20260302000001', itemCode: 'lic-1', department: 'health',
    title: '督办', requirement: 'explain', openedBy: { userId: 'sup' }, openedAt: at('2026-03-02T02:00:00Z'), responseDays: 2,
    responseDeadline: at('2026-03-04T16:00:00Z'), provisional: false, status, level: 'yellow', answer: null, conclusion: null, alerts: [],
    next: null, caseNotified: [], seq, updatedAt: at('2026-03-05T01:00:00Z'),
  };
}

function overdueAlert(orderId: string): OversightAlertRecord {
  return {
    id: `${orderId}:overdue`, subject: 'supervision-order', subjectId: orderId, caseNo: 'SL20260302000001', itemCode: 'lic-1',
    department: 'health', key: 'overdue', kind: 'orderOverdue', level: 'yellow', thresholdAt: at('2026-03-04T16:00:00Z'),
    raisedAt: at('2026-03-04T16:00:00Z'), provisional: false, reason: 'unanswered',
    audience: [{ kind: 'assignee', role: 'department-officer', department: 'health' }, { kind: 'department-head', department: 'health' }],
  };
}

describe('oversight activities', () => {
  let db: mongoose.Connection;
  let server: Server;
  let url: string;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = false;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/oversight-${randomUUID().slice(0, 8)}`)).asPromise();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (failNext) {
          failNext = false;
          res.writeHead(502).end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('records events, alerts and inbox messages once however often retried, and never lets an older document overwrite a newer one', async () => {
    const orderId = `DB${Date.now()}`;
    const alert = overdueAlert(orderId);
    const events: OversightEventRecord[] = [
      { id: `${orderId}:1`, subject: 'supervision-order', subjectId: orderId, seq: 1, type: 'opened', at: at('2026-03-02T02:00:00Z'), summary: 'opened', payload: {} },
      { id: `${orderId}:2`, subject: 'supervision-order', subjectId: orderId, seq: 2, type: 'alert', at: alert.raisedAt, summary: 'overdue', payload: { alert } },
    ];
    const deps = { db };
    await recordSupervisionOrder(deps, { events, order: order(orderId, 2, 'open') });
    await recordSupervisionOrder(deps, { events, order: order(orderId, 2, 'open') });
    expect(await oversightEventModel(db).countDocuments({ subjectId: orderId })).toBe(2);
    expect(await alertModel(db).countDocuments({ subjectId: orderId })).toBe(1);
    // One message: the department's officers read the officer position's, and the head's would be the same message again.
    expect(await inboxMessageModel(db).find({ alertId: alert.id }).distinct('audience')).toEqual(['assignee:department-officer@health']);
    const stored = await alertModel(db).findById(alert.id).lean();
    expect(stored).toMatchObject({ subject: 'supervision-order', kind: 'orderOverdue', level: 'yellow', caseNo: 'SL20260302000001' });

    await recordSupervisionOrder(deps, { events: [], order: order(orderId, 3, 'answered') });
    await recordSupervisionOrder(deps, { events: [], order: order(orderId, 2, 'open') });
    expect((await supervisionOrderModel(db).findById(orderId).lean())?.status).toBe('answered');
  });

  it('delivers an alert to the signed webhook once, and records a failed attempt for retry', async () => {
    const secret = 'webhook-secret-0123456789';
    const alert = overdueAlert(`DB${Date.now()}`);
    const deps = { db, channels: { webhook: { url, secret }, timeoutMs: 2_000 } };
    failNext = true;
    await expect(deliverOversightAlert(deps, { alert })).rejects.toThrow(/webhook answered 502/);
    expect(await notificationDeliveryModel(db).findById(`${alert.id}:webhook`).lean()).toMatchObject({ status: 'failed', attempts: 1 });

    expect(await deliverOversightAlert(deps, { alert })).toEqual({ delivered: ['webhook'], skipped: [] });
    expect(await deliverOversightAlert(deps, { alert })).toEqual({ delivered: ['webhook'], skipped: [] });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received as [{ headers: IncomingMessage['headers']; body: string }];
    expect(headers['x-sunlight-signature']).toBe(webhookSignature(secret, String(headers['x-sunlight-timestamp']), body));
    expect(JSON.parse(body)).toMatchObject({ alert: { id: alert.id, subject: 'supervision-order', level: 'yellow' }, subject: expect.stringContaining('督办') });
    expect(await notificationDeliveryModel(db).findById(`${alert.id}:webhook`).lean()).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
