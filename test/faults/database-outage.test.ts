import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { caseWorkflowId } from '../../config/temporal';
import { caseModel } from '../../db/models/case';
import { startFerretDb } from '../../scripts/lib/embedded';
import { freePort, type Managed } from '../../scripts/lib/processes';
import { CASE_WORKFLOW_NAME, acceptUpdate, caseStateQuery, completeStepUpdate } from '../../workflows/case/contract';
import { caseDueAt, wholeMinuteAfter } from '../support/due-soon';
import { eventually, oneTo, recordOf } from './support';

/** FerretDB of the test's own, stopped while cases take clerk actions, then started again on the same files. */
describe('the database stopped while cases run', () => {
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-faults-db-'));
  const taskQueue = `faults-db-${randomUUID()}`;
  let port: number;
  let ferret: Managed | undefined;
  let db: mongoose.Connection;
  let connection: Connection;
  let client: Client;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const start = () => startFerretDb({ host, port, dataDir: join(dir, 'ferretdb'), onLine: () => undefined });

  beforeAll(async () => {
    port = await freePort(host);
    ferret = await start();
    db = await mongoose.createConnection(`mongodb://${host}:${port}/faults-db`, { serverSelectionTimeoutMS: 2_000 }).asPromise();
    db.on('error', () => undefined);
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({ db, logger: pino({ level: 'silent' }) }),
    });
    running = worker.run();
  }, 180_000);
  afterAll(async () => {
    worker?.shutdown();
    await running?.catch(() => undefined);
    await native?.close().catch(() => undefined);
    await connection?.close();
    await db?.close().catch(() => undefined);
    await ferret?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers clerk actions during the outage; recording retries and the read model catches up with nothing lost', async () => {
    const caseNos = Array.from({ length: 3 }, (_, i) => `FD${randomUUID().slice(0, 6)}${i}`);
    const dueAt = wholeMinuteAfter(Date.now(), 10 * 86_400_000);
    for (const caseNo of caseNos) {
      await client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: caseWorkflowId(caseNo), args: [caseDueAt(caseNo, dueAt)] });
    }
    expect(await eventually(() => caseModel(db).countDocuments({ _id: { $in: caseNos } }), (n) => n === 3, 30_000)).toBe(3);

    await ferret?.stop();
    ferret = undefined;
    const actor = { userId: 'clerk', roles: ['acceptor', 'undertaker'], departments: ['health-commission'] };
    for (const caseNo of caseNos) {
      const handle = client.workflow.getHandle(caseWorkflowId(caseNo));
      const started = Date.now();
      expect((await handle.executeUpdate(acceptUpdate, { args: [{ idempotencyKey: randomUUID(), actor }] })).status).toBe('processing');
      await handle.executeUpdate(completeStepUpdate, { args: [{ idempotencyKey: randomUUID(), actor, nodeId: 'undertake', action: 'complete' }] });
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    await delay(5_000); // the recording activities fail and back off meanwhile
    expect((await recordOf(db, caseNos[0] ?? '').catch(() => null))).toBeNull();
    ferret = await start();

    for (const caseNo of caseNos) {
      const view = await client.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery);
      const record = await eventually(() => recordOf(db, caseNo), (r) => r.doc?.seq === view.historyCount, 90_000);
      expect(record.doc?.status).toBe('processing');
      expect(record.doc?.position.map((p) => p.nodeId)).toEqual(['review']);
      expect(record.seqs).toEqual(oneTo(view.historyCount));
    }
  }, 300_000);
});
