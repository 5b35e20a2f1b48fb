import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { caseWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { notificationDeliveryModel } from '../../db/models/notification-delivery';
import { CASE_WORKFLOW_NAME, acceptUpdate, completeStepUpdate } from '../../workflows/case/contract';
import { caseDueAt, wholeMinuteAfter } from '../support/due-soon';
import { eventually } from './support';

/**
 * The SMS/IM gateway answers 500 twice, then hangs past the channel's timeout, then accepts.
 * Deliveries are retried with growing gaps; the case takes clerk actions meanwhile.
 */
describe('a notification endpoint that fails or hangs', () => {
  const taskQueue = `faults-notify-${randomUUID()}`;
  const requests: { at: number; alertId: string; answered: 'fail' | 'hang' | 'ok' }[] = [];
  let gateway: Server;
  let db: mongoose.Connection;
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const alertId = (JSON.parse(body) as { alert: { id: string } }).alert.id;
        const tries = requests.filter((r) => r.alertId === alertId).length;
        const answered = tries < 2 ? 'fail' : tries === 2 ? 'hang' : 'ok';
        requests.push({ at: Date.now(), alertId, answered });
        if (answered === 'fail') res.writeHead(500).end('gateway down');
        else if (answered === 'ok') res.writeHead(200).end('{}');
        // 'hang': never answered; the channel gives up after its timeout
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const address = gateway.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/sms`;
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/faults-notify-${randomUUID().slice(0, 8)}`)).asPromise();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({ db, logger: pino({ level: 'silent' }), channels: { webhook: { url, secret: 'gateway-secret-0123456789' }, timeoutMs: 1_000 } }),
    });
    running = worker.run();
  }, 180_000);
  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await native?.close().catch(() => undefined);
    await connection?.close();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    gateway?.closeAllConnections();
    await new Promise((resolve) => gateway?.close(resolve));
  });

  it('retries with backoff until delivered, and never holds the case back', async () => {
    const caseNo = `FN${randomUUID().slice(0, 8)}`;
    // Due a minute ago: both alerts are raised as the case starts.
    const handle = await client.workflow.start(CASE_WORKFLOW_NAME, {
      taskQueue, workflowId: caseWorkflowId(caseNo), args: [caseDueAt(caseNo, wholeMinuteAfter(Date.now(), 0) - 60_000)],
    });
    await eventually(async () => requests.length, (n) => n >= 1, 30_000, 100);

    // While the gateway fails, the clerk's actions go through at once.
    const actor = { userId: 'clerk', roles: ['acceptor', 'undertaker'], departments: ['health-commission'] };
    const t0 = Date.now();
    expect((await handle.executeUpdate(acceptUpdate, { args: [{ idempotencyKey: randomUUID(), actor }] })).status).toBe('processing');
    await handle.executeUpdate(completeStepUpdate, { args: [{ idempotencyKey: randomUUID(), actor, nodeId: 'undertake', action: 'complete' }] });
    expect(Date.now() - t0).toBeLessThan(5_000);

    const alerts = await alertModel(db).find({ caseNo }).lean();
    expect(alerts.map((a) => a.kind).sort()).toEqual(['stepOverdue', 'supplementNoticeOverdue']);
    for (const alert of alerts) {
      const delivery = await eventually(() => notificationDeliveryModel(db).findById(`${alert._id}:webhook`).lean(), (d) => d?.status === 'delivered', 120_000, 1_000);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 4 });
      const tries = requests.filter((r) => r.alertId === alert._id);
      expect(tries.map((r) => r.answered)).toEqual(['fail', 'fail', 'hang', 'ok']);
      const gaps = tries.slice(1).map((r, i) => r.at - (tries[i]?.at ?? 0));
      // Temporal's backoff: 5 s, then 10 s, then 20 s (plus the 1 s the hung try waited).
      expect(gaps[0]).toBeGreaterThanOrEqual(4_500);
      expect(gaps[1]).toBeGreaterThan((gaps[0] ?? 0) * 1.5);
      expect(gaps[2]).toBeGreaterThan((gaps[1] ?? 0) * 1.5);
    }
  }, 300_000);
});
