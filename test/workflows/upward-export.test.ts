import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { upwardExportSteps } from '../../activities/export/upward';
import { exportStateModel } from '../../db/models/export-state';
import { supervisionActivities } from '../../activities/supervision';
import { appendSupervisionLog } from '../../api/supervision-log/service';
import { upwardExportWorkflow } from '../../workflows/background/upward-export';
import { recordWorkflow } from './histories/record';

const SECRET = 'provincial-shared-secret';

interface Batch {
  batchId: string;
  from: string;
  to: string;
  count: number;
  entries: { cursor: string; source: string; id: string | number }[];
}

type Fault = 'drop' | 'half-then-drop' | 'apply-then-500' | '503';

/**
 * The provincial receiver: checks the signature, keeps what it applied per batch id
 * (an entry at a time, so a failure can leave a batch half applied) and can fail on
 * chosen requests.
 */
class Receiver {
  readonly applied = new Map<string, Map<string, number>>();
  readonly complete = new Set<string>();
  requests = 0;
  resent = 0;
  badSignatures = 0;
  private server!: Server;
  url = '';

  constructor(private readonly faults: Map<number, Fault>) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const timestamp = String(req.headers['x-sunlight-timestamp']);
        const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
        if (req.headers['x-sunlight-signature'] !== expected) {
          this.badSignatures++;
          res.writeHead(401).end();
          return;
        }
        const key = String(req.headers['idempotency-key']);
        const batch = JSON.parse(body) as Batch;
        expect(batch.batchId).toBe(key);
        const fault = this.faults.get(++this.requests);
        if (fault === 'drop') return req.socket.destroy();
        if (fault === '503') return void res.writeHead(503).end();
        if (this.complete.has(key)) {
          this.resent++;
          return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"duplicate"}');
        }
        const entries = this.applied.get(key) ?? new Map<string, number>();
        this.applied.set(key, entries);
        const upTo = fault === 'half-then-drop' ? Math.ceil(batch.entries.length / 2) : batch.entries.length;
        // Within a batch, applying an entry again changes nothing: the receiver keys them by id.
        for (const entry of batch.entries.slice(0, upTo)) entries.set(`${entry.source}:${entry.id}`, 1);
        if (fault === 'half-then-drop') return req.socket.destroy();
        expect(entries.size).toBe(batch.count);
        this.complete.add(key);
        if (fault === 'apply-then-500') return void res.writeHead(500).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"applied"}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/batches`;
  }

  /** Every entry applied, by the batch that carried it. */
  entryCounts(): Map<string, number> {
    const all = new Map<string, number>();
    for (const entries of this.applied.values()) for (const [id, n] of entries) all.set(id, (all.get(id) ?? 0) + n);
    return all;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('upward export', () => {
  let db: mongoose.Connection;
  let client: Client;
  let connection: Connection;
  let native: NativeConnection;
  const receiver = new Receiver(new Map<number, Fault>([[2, 'drop'], [4, 'half-then-drop'], [6, 'apply-then-500'], [7, '503'], [11, 'half-then-drop']]));

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/export-${randomUUID().slice(0, 8)}`)).asPromise();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await connection?.close();
    await native?.close();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  function worker(taskQueue: string): Promise<Worker> {
    return Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: supervisionActivities({
        db, logger: pino({ level: 'silent' }), upwardExport: { url: receiver.url, secret: SECRET, batchSize: 7, settleMs: 500, timeoutMs: 5_000 },
      }),
    });
  }

  it('delivers every entry exactly once through receiver failures and a restart of the workflow', async () => {
    const base = Date.now() - 60_000;
    // Three case events share each millisecond, and oversight events fall on the same ones: ties are ordered by source and id.
    await db.collection('case_events').insertMany(Array.from({ length: 40 }, (_, i) => ({
      _id: `C-${String(i).padStart(3, '0')}:1` as unknown as mongoose.Types.ObjectId, caseNo: `C-${i}`, seq: 1, type: 'submitted', recordedAt: new Date(base + Math.floor(i / 3)),
    })));
    await db.collection('oversight_events').insertMany(Array.from({ length: 10 }, (_, i) => ({
      _id: `O-${i}:1` as unknown as mongoose.Types.ObjectId, subject: 'supervision-order', subjectId: `O-${i}`, seq: 1, type: 'opened', recordedAt: new Date(base + i),
    })));
    const actor = { userId: 'u', username: 'sup', roles: ['supervisor'] };
    for (let i = 0; i < 12; i++) {
      await appendSupervisionLog({ db, now: () => base + i * 2, settings: {} }, { actor, action: 'case.urge', target: { kind: 'case', id: `C-${i}` } });
    }

    const taskQueue = `export-${randomUUID()}`;
    const workflowId = `upward-export-${randomUUID()}`;
    let w = await worker(taskQueue);
    let running = w.run();
    await client.workflow.start(upwardExportWorkflow, { taskQueue, workflowId, args: [{ intervalMs: 200 }] });
    await until(() => receiver.complete.size >= 4, 30_000);

    // A crash of the whole export: the workflow is terminated and the worker stopped mid-way;
    // a new run resumes from the cursor kept in MongoDB.
    await client.workflow.getHandle(workflowId).terminate('simulated crash');
    w.shutdown();
    await running;
    const live = 15;
    for (let i = 0; i < live; i++) {
      await db.collection('case_events').insertOne({
        _id: `L-${i}:1` as unknown as mongoose.Types.ObjectId, caseNo: `L-${i}`, seq: 1, type: 'accepted', recordedAt: new Date(),
      });
    }
    w = await worker(taskQueue);
    running = w.run();
    await client.workflow.start(upwardExportWorkflow, { taskQueue, workflowId: `${workflowId}-2`, args: [{ intervalMs: 200 }] });
    const total = 40 + 10 + 12 + live;
    await until(() => receiver.entryCounts().size >= total, 60_000);
    await until(async () => (await exportStateModel(db).findById('upward').lean())?.pending === null, 10_000);

    const counts = receiver.entryCounts();
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.applied.size).toBe(receiver.complete.size);
    expect(receiver.resent).toBeGreaterThanOrEqual(1);
    expect(receiver.badSignatures).toBe(0);
    const state = await exportStateModel(db).findById('upward').lean();
    expect(state).toMatchObject({ entries: total, batches: receiver.complete.size, pending: null });
    console.info(`upward export: ${total} entries in ${receiver.complete.size} batches over ${receiver.requests} requests (${receiver.resent} re-sent batches recognised)`);

    await recordWorkflow(client, `${workflowId}-2`);
    await client.workflow.getHandle(`${workflowId}-2`).terminate('test over');
    w.shutdown();
    await running;
  });

  it('gives exporters racing for the next batch the same one', async () => {
    const other = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/race-${randomUUID().slice(0, 8)}`)).asPromise();
    try {
      const base = Date.now() - 60_000;
      await other.collection('case_events').insertMany(Array.from({ length: 30 }, (_, i) => ({
        _id: `R-${String(i).padStart(2, '0')}:1` as unknown as mongoose.Types.ObjectId, recordedAt: new Date(base + i),
      })));
      const logger = pino({ level: 'silent' });
      const settings = { url: receiver.url, secret: SECRET, batchSize: 10, settleMs: 0, stateId: 'race' };
      const exporters = Array.from({ length: 6 }, (_, i) => upwardExportSteps({ db: other, logger, settings, now: () => Date.now() + i }));
      const batches = await Promise.all(exporters.map((e) => e.prepare()));
      expect(new Set(batches.map((b) => b?.batchId)).size).toBe(1);
      expect(batches[0]).toMatchObject({ from: '', count: 10 });
    } finally {
      await other.dropDatabase().catch(() => undefined);
      await other.close();
    }
  });
});
