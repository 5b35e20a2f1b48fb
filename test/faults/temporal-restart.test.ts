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
import { alertModel } from '../../db/models/alert';
import { caseModel } from '../../db/models/case';
import { startTemporal } from '../../scripts/lib/embedded';
import { freePort, type Managed } from '../../scripts/lib/processes';
import { CASE_WORKFLOW_NAME, acceptUpdate, caseStateQuery } from '../../workflows/case/contract';
import { caseDueAt, wholeMinuteAfter } from '../support/due-soon';
import { eventually } from './support';

/**
 * A Temporal dev server of the test's own, on a temporary SQLite file, stopped while cases
 * wait on their timers and started again (same file, same port) after the timers fell due.
 */
describe('the Temporal dev server stopped and started again', () => {
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-faults-temporal-'));
  const taskQueue = `faults-temporal-${randomUUID()}`;
  const quiet = () => undefined;
  let port: number;
  let temporal: Managed | undefined;
  let db: mongoose.Connection;
  let native: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const start = () => startTemporal({ host, port, dbFile: join(dir, 'temporal.db'), onLine: quiet });

  beforeAll(async () => {
    port = await freePort(host);
    temporal = await start();
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/faults-temporal-${randomUUID().slice(0, 8)}`)).asPromise();
    native = await NativeConnection.connect({ address: `${host}:${port}` });
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
    await temporal?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps open cases and their timers; alerts due during the outage fire after the restart', async () => {
    const dueAt = wholeMinuteAfter(Date.now(), 30_000);
    const caseNos = Array.from({ length: 4 }, (_, i) => `FT${randomUUID().slice(0, 6)}${i}`);
    let connection = await Connection.connect({ address: `${host}:${port}` });
    let client = new Client({ connection });
    for (const caseNo of caseNos) {
      await client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: caseWorkflowId(caseNo), args: [caseDueAt(caseNo, dueAt)] });
    }
    const recorded = await eventually(() => caseModel(db).countDocuments({ _id: { $in: caseNos } }), (n) => n === caseNos.length, 30_000);
    expect(recorded).toBe(caseNos.length);
    await connection.close();

    await temporal?.stop();
    temporal = undefined;
    await delay(Math.max(0, dueAt - Date.now()) + 5_000);
    expect(await alertModel(db).countDocuments({ caseNo: { $in: caseNos } })).toBe(0);
    const restartedAt = Date.now();
    temporal = await start();

    connection = await Connection.connect({ address: `${host}:${port}` });
    client = new Client({ connection });
    try {
      const alerts = await eventually(
        () => alertModel(db).find({ caseNo: { $in: caseNos }, kind: 'supplementNoticeOverdue' }).lean(),
        (found) => found.length === caseNos.length, 90_000,
      );
      expect(alerts).toHaveLength(caseNos.length);
      for (const alert of alerts) {
        expect(alert.thresholdAt.getTime()).toBe(dueAt);
        expect(alert.raisedAt.getTime()).toBeGreaterThanOrEqual(restartedAt - 1_000);
      }
      for (const caseNo of caseNos) {
        const view = await client.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery);
        expect(view.status).toBe('submitted');
        expect(view.alerts.filter((a) => a.kind === 'supplementNoticeOverdue')).toHaveLength(1);
      }
      // Still running: an action is taken, and the case sets its next timer.
      const accepted = await client.workflow.getHandle(caseWorkflowId(caseNos[0] ?? '')).executeUpdate(acceptUpdate, {
        args: [{ idempotencyKey: randomUUID(), actor: { userId: 'clerk', roles: ['acceptor'], departments: ['health-commission'] } }],
      });
      expect(accepted.status).toBe('processing');
      const view = await client.workflow.getHandle(caseWorkflowId(caseNos[0] ?? '')).query(caseStateQuery);
      expect(view.next?.at ?? 0).toBeGreaterThan(Date.now());
    } finally {
      await connection.close();
    }
  }, 300_000);
});
