import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { supervisionActivities } from '../../activities/supervision';
import { alertModel } from '../../db/models/alert';
import { inboxMessageModel } from '../../db/models/inbox-message';
import { supervisionRemindersWorkflow } from '../../workflows/background/supervision-reminders';
import { recordWorkflow } from './histories/record';

const HOUR = 3_600_000;

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reminders on unhandled alerts', () => {
  let db: mongoose.Connection;
  let connection: Connection;
  let native: NativeConnection;
  let gateway: Server;
  let gatewayUrl = '';
  const posts: { alertId: string; ok: boolean }[] = [];

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/remind-${randomUUID().slice(0, 8)}`)).asPromise();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    // The SMS/IM gateway fails its first request: that reminder must be sent again, once.
    gateway = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alert: { id: string } };
        const ok = posts.length > 0;
        posts.push({ alertId: body.alert.id, ok });
        res.writeHead(ok ? 200 : 500).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const address = gateway.address();
    gatewayUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/sms`;
  });
  afterAll(async () => {
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));
    await connection?.close();
    await native?.close();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('reminds the department, then escalates over its head, once per stage, and leaves handled alerts alone', async () => {
    const now = Date.now();
    const alert = (id: string, agoHours: number, handled = false) => ({
      _id: id, caseNo: id.split(':')[0], itemCode: 'item-1', department: 'health', key: 'yellowCard', kind: 'processing', level: 'yellow',
      reason: '办理超期', thresholdAt: new Date(now - agoHours * HOUR), raisedAt: new Date(now - agoHours * HOUR), provisional: false,
      audience: [{ kind: 'assignee', role: 'reviewer', department: 'health' }, { kind: 'department-head', department: 'health' }], handled,
    });
    await alertModel(db).create([alert('C-1:yellowCard', 5), alert('C-2:yellowCard', 30), alert('C-3:yellowCard', 1), alert('C-4:yellowCard', 30, true)]);

    const taskQueue = `remind-${randomUUID()}`;
    const worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: supervisionActivities({
        db, logger: pino({ level: 'silent' }), // One alert per run: an alert chased to the end must not hold the next one back.
        reminders: { remindAfterMs: 4 * HOUR, escalateAfterMs: 24 * HOUR, limit: 1 },
        channels: { webhook: { url: gatewayUrl, secret: 'gateway-secret' }, timeoutMs: 2_000 },
      }),
    });
    const running = worker.run();
    const client = new Client({ connection });
    const handle = await client.workflow.start(supervisionRemindersWorkflow, {
      taskQueue, workflowId: `reminders-${randomUUID()}`, args: [{ intervalMs: 200, runsPerWorkflow: 4 }],
    });
    try {
      const stages = async () => (await alertModel(db).find().sort({ _id: 1 }).lean()).map((a) => [a._id, a.reminded ?? null]);
      const expected = [['C-1:yellowCard', 'reminder'], ['C-2:yellowCard', 'escalation'], ['C-3:yellowCard', null], ['C-4:yellowCard', null]];
      await until(async () => JSON.stringify(await stages()) === JSON.stringify(expected), 30_000);
      // More runs, and a continue-as-new, change nothing.
      await until(async () => (await client.workflow.getHandle(handle.workflowId).describe()).runId !== handle.firstExecutionRunId, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(await stages()).toEqual(expected);

      const inbox = await inboxMessageModel(db).find().sort({ _id: 1 }).lean();
      expect(inbox.map((m) => [m._id, m.audience])).toEqual([
        ['C-1:yellowCard:reminder:0', 'assignee:reviewer@health'],
        ['C-1:yellowCard:reminder:1', 'department-head:health'],
        ['C-2:yellowCard:escalation:0', 'supervision-office'],
        ['C-2:yellowCard:escalation:1', 'department-leadership:health'],
        ['C-2:yellowCard:reminder:0', 'assignee:reviewer@health'],
        ['C-2:yellowCard:reminder:1', 'department-head:health'],
      ]);
      const delivered = posts.filter((p) => p.ok).map((p) => p.alertId).sort();
      expect(delivered).toEqual(['C-1:yellowCard:reminder', 'C-2:yellowCard:escalation', 'C-2:yellowCard:reminder']);
      expect(posts.filter((p) => !p.ok)).toHaveLength(1);

      await recordWorkflow(client, handle.workflowId, handle.firstExecutionRunId);
    } finally {
      await client.workflow.getHandle(handle.workflowId).terminate('test over');
      worker.shutdown();
      await running;
    }
  });
});
