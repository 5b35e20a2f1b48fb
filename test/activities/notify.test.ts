import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientDirectory } from '../../activities/notify/channels';
import { deliverNotifications } from '../../activities/notify/deliver';
import { usersDirectory } from '../../activities/notify/directory';
import { audienceKey, recordCaseEvents } from '../../activities/record';
import { audiencesOf, inboxAudiences } from '../../db/queries/inbox';
import { officerOf } from '../../domain/oversight/order-rules';
import { alertModel } from '../../db/models/alert';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import { userModel } from '../../db/models/user';
import type { AlertRecord, CaseReadModel } from '../../activities/contract/case-records';
import { connectDb } from '../workflows/harness';

const secret = 'a-shared-secret-of-the-gateway';

function alertFor(caseNo: string): AlertRecord {
  const at = Date.parse('2026-10-21T16:00:00Z');
  return {
    id: `${caseNo}:yellowCard`, caseNo, itemCode: 'lic', department: 'health', key: 'yellowCard', kind: 'yellowCard', level: 'yellow',
    thresholdAt: at, raisedAt: at, provisional: false, reason: 'overdue by one working day (黄牌)',
    audience: [{ kind: 'assignee', role: 'reviewer', department: 'health' }, { kind: 'supervision-office' }],
  };
}

const directory: RecipientDirectory = {
  resolve: async (audience) => audience.map((a, i) => ({ id: `user-${i}`, email: `${a.kind}@example.gov.cn`, phone: `1380000000${i}` })),
};

/** Records the alert (and its inbox messages) the way the case workflow does before delivery. */
async function recordAlert(db: mongoose.Connection, alert: AlertRecord): Promise<void> {
  const readModel = { caseNo: alert.caseNo, seq: 1, department: 'health', itemCode: 'lic', acceptedAt: null, deadline: null } as unknown as CaseReadModel;
  await recordCaseEvents({ db, utcOffsetMinutes: 480 }, {
    events: [{ id: `${alert.caseNo}:1`, caseNo: alert.caseNo, seq: 1, type: 'alert', at: alert.raisedAt, summary: 'alert', payload: { alert } }],
    readModel: { ...readModel, mode: 'native', definitionId: 'lic', definitionVersion: 1, itemName: 'x', category: 'other', applicantName: 'a', status: 'processing',
      outcome: null, alertLevel: 'yellow', position: [], submittedAt: alert.raisedAt, concludedAt: null, statutoryDeadline: null, provisional: false,
      workingDaysUsed: null, onTime: null, anomalyCount: 0, alertCount: 1, updatedAt: alert.raisedAt },
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`;
}

const bodyOf = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  req.on('end', () => resolve(text));
});

describe('notification channels', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(() => db?.close());

  it('delivers e-mail to a real SMTP receiver once, and records who was notified', async () => {
    const received: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      const alert = alertFor(`N-${randomUUID().slice(0, 8)}`);
      await recordAlert(db, alert);
      const deps = { db, directory, channels: { smtp: { url: `smtp://127.0.0.1:${port}`, from: 'sunlight@example.gov.cn' }, timeoutMs: 5000 } };
      expect(await deliverNotifications(deps, { alert })).toEqual({ delivered: ['email'], skipped: [] });
      await deliverNotifications(deps, { alert });
      expect(received).toHaveLength(1);
      expect(received[0]?.to.sort()).toEqual(['assignee@example.gov.cn', 'supervision-office@example.gov.cn']);
      expect(received[0]?.data).toContain(alert.caseNo);
      const delivery = await notificationDeliveryModel(db).findById(`${alert.id}:email`).lean();
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
      const stored = await alertModel(db).findById(alert.id).lean();
      expect(stored?.notified.map((n) => n.channel).sort()).toEqual(['email', 'email', 'inbox', 'inbox']);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('posts to the webhook signed with HMAC-SHA256 over the timestamp and body', async () => {
    const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
    const server = createServer((req, res) => {
      void bodyOf(req).then((body) => {
        requests.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const url = await listen(server);
    try {
      const alert = alertFor(`N-${randomUUID().slice(0, 8)}`);
      await recordAlert(db, alert);
      const deps = { db, directory, channels: { webhook: { url, secret }, timeoutMs: 5000 } };
      await deliverNotifications(deps, { alert });
      await deliverNotifications(deps, { alert });
      expect(requests).toHaveLength(1);
      const [request] = requests;
      const timestamp = String(request?.headers['x-sunlight-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request?.body}`).digest('hex')}`;
      expect(request?.headers['x-sunlight-signature']).toBe(expected);
      expect(request?.headers['x-sunlight-delivery']).toBe(`${alert.id}:webhook`);
      expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ alert: { id: alert.id, level: 'yellow' }, recipients: [{ phone: '13800000000' }, { phone: '13800000001' }] });
    } finally {
      server.close();
    }
  });

  it('resolves audiences to the platform users by position, department and role', async () => {
    const dept = `d-${randomUUID().slice(0, 8)}`;
    const user = (username: string, roles: string[], extra: Record<string, unknown>) =>
      ({ username, name: username, passwordHash: 'x', roles, department: dept, positions: [], active: true, ...extra });
    await userModel(db).create([
      user(`${dept}-reviewer`, ['clerk'], { positions: ['reviewer'] }),
      user(`${dept}-acceptor`, ['clerk'], { positions: ['acceptor'] }),
      user(`${dept}-officer`, ['department-officer'], {}),
      user(`${dept}-retired`, ['department-officer'], { active: false }),
    ]);
    const found = await usersDirectory(db).resolve([
      { kind: 'assignee', role: 'reviewer', department: dept }, { kind: 'department-head', department: dept },
      { kind: 'department-leadership', department: dept },
    ], dept);
    expect(found.map((r) => r.id).sort()).toEqual([`${dept}-officer`, `${dept}-reviewer`]);
  });

  it("reaches the department's supervision officers by the officer's position the oversight ladders address (officerOf)", async () => {
    const dept = `d-${randomUUID().slice(0, 8)}`;
    const user = (username: string, roles: string[], positions: string[] = []) =>
      ({ username, name: username, passwordHash: 'x', roles, department: dept, positions, active: true });
    await userModel(db).create([user(`${dept}-officer`, ['department-officer']), user(`${dept}-acceptor`, ['clerk'], ['acceptor'])]);
    const found = await usersDirectory(db).resolve([officerOf(dept)], dept);
    expect(found.map((r) => r.id)).toEqual([`${dept}-officer`]);
    // The inbox reads the same rule from the officer's side.
    expect(audiencesOf({ roles: ['department-officer'], department: dept, positions: [] })).toContain(audienceKey(officerOf(dept)));
    expect(audiencesOf({ roles: ['clerk'], department: dept, positions: ['acceptor'] })).not.toContain(audienceKey(officerOf(dept)));
    // Beside the officer position, the head's and leadership's messages would reach the officers twice.
    const audiences = [officerOf(dept), { kind: 'department-head', department: dept }, { kind: 'department-head', department: 'other' }, { kind: 'supervision-office' }] as const;
    expect(inboxAudiences(audiences).map(([i]) => i)).toEqual([0, 2, 3]);
  });

  it('reaches distinct people at each escalation tier when the department names its head and leadership', async () => {
    const dept = `d-${randomUUID().slice(0, 8)}`;
    const user = (username: string, positions: string[]) =>
      ({ username, name: username, passwordHash: 'x', roles: ['department-officer'], department: dept, positions, active: true });
    await userModel(db).create([user(`${dept}-head`, ['department-head']), user(`${dept}-leader`, ['department-leadership']), user(`${dept}-officer`, [])]);
    const ids = async (kind: 'department-head' | 'department-leadership') =>
      (await usersDirectory(db).resolve([{ kind, department: dept }], dept)).map((r) => r.id);
    expect(await ids('department-head')).toEqual([`${dept}-head`]);
    expect(await ids('department-leadership')).toEqual([`${dept}-leader`]);
  });

  it('records a failing or hanging channel and throws for a retry, without holding back the others', async () => {
    const failing = createServer((_req, res) => res.writeHead(503).end());
    const hanging = createServer(() => undefined);
    const ok = createServer((_req, res) => res.writeHead(200).end());
    const [failingUrl, hangingUrl] = [await listen(failing), await listen(hanging)];
    await listen(ok);
    try {
      const alert = alertFor(`N-${randomUUID().slice(0, 8)}`);
      await recordAlert(db, alert);
      await expect(deliverNotifications({ db, channels: { webhook: { url: failingUrl, secret }, timeoutMs: 2000 } }, { alert })).rejects.toThrow('503');
      const started = performance.now();
      await expect(deliverNotifications({ db, channels: { webhook: { url: hangingUrl, secret }, timeoutMs: 300 } }, { alert })).rejects.toThrow(/webhook/);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(await notificationDeliveryModel(db).findById(`${alert.id}:webhook`).lean()).toMatchObject({ status: 'failed', attempts: 2 });
    } finally {
      failing.close();
      hanging.closeAllConnections();
      hanging.close();
      ok.close();
    }
  });
});
