import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { caseRollupModel } from '../../db/models/case-rollup';
import type { Managed } from '../../scripts/lib/processes';
import { spawnWorker, waitForWorker } from '../../scripts/lib/worker-process';
import { caseStateQuery } from '../../workflows/case/contract';
import { STEPS, clerkOf, eventually, form, licence, oneTo, recordOf, serveApi, type Api } from './support';

/**
 * The worker runs as its own process (`node --import tsx worker/index.ts`) and is killed
 * with SIGKILL while clerk actions are in flight, then started again.
 */
describe('a worker killed in the middle of cases', () => {
  const address = inject('temporalAddress');
  const mongoUri = inject('mongoUri').replace(/\/[^/]*$/, `/faults-kill-${randomUUID().slice(0, 8)}`);
  const taskQueue = `faults-kill-${randomUUID()}`;
  let db: mongoose.Connection;
  let connection: Connection;
  let client: Client;
  let api: Api;
  let worker: Managed | undefined;
  const startWorker = async () => {
    const proc = spawnWorker({ env: { TEMPORAL_ADDRESS: address, MONGODB_URI: mongoUri, TEMPORAL_TASK_QUEUE: taskQueue, SUNLIGHT_EMBEDDED: 'false' }, onLine: () => undefined });
    await waitForWorker(proc, address, taskQueue);
    return proc;
  };

  beforeAll(async () => {
    db = await mongoose.createConnection(mongoUri).asPromise();
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    api = await serveApi(db, client, taskQueue);
    worker = await startWorker();
  }, 300_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await connection?.close();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('lets the cases continue after a restart, with every event recorded exactly once', async () => {
    const clerk = await clerkOf(api);
    const act = (caseNo: string, step: number, key: string) => {
      const [action, body] = STEPS[step] ?? ['accept', {}];
      return api.call(`/cases/${caseNo}/actions/${action}`, { token: clerk, body, headers: { 'idempotency-key': key } });
    };
    const caseNos: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await api.call('/cases', { token: clerk, body: { itemCode: licence.item.code, applicant: { name: form.applicantName }, data: form } });
      expect(started.status).toBe(201);
      caseNos.push(started.body.caseNo as string);
    }
    for (const caseNo of caseNos) for (const step of [0, 1]) expect((await act(caseNo, step, randomUUID())).status).toBe(200);

    // The third action of every case is sent, and the worker killed while they are in flight.
    const keys = caseNos.map(() => randomUUID());
    const inFlight = caseNos.map((caseNo, i) => act(caseNo, 2, keys[i] ?? ''));
    await delay(20);
    await worker?.stop('SIGKILL');
    expect(worker?.child.signalCode).toBe('SIGKILL');
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect([200, 503]).toContain(answer.status);
    // A 503 here says the action is pending (the workflow did not answer in time), not that it failed.
    for (const answer of answers) if (answer.status === 503) expect(answer.body.code).toBe('action-pending');

    worker = await startWorker();
    // The same key again, as a client does on 503 (Retry-After): the first result if the action
    // went through, applied now if not. A task the dead worker held is handed on only when its
    // workflow task times out (10 s), so the first tries may still answer 503.
    const retried = (caseNo: string, step: number, key: string) =>
      eventually(() => act(caseNo, step, key), (a) => a.status !== 503, 60_000, 1_000);
    for (const [i, caseNo] of caseNos.entries()) expect((await retried(caseNo, 2, keys[i] ?? '')).status).toBe(200);
    for (const caseNo of caseNos) for (const step of [3, 4]) expect((await act(caseNo, step, randomUUID())).status).toBe(200);

    for (const caseNo of caseNos) {
      const view = await client.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery);
      expect(view.status).toBe('concluded');
      const record = await eventually(() => recordOf(db, caseNo), (r) => r.doc?.status === 'concluded' && r.seqs.length >= view.historyCount, 60_000);
      expect(record.seqs).toEqual(oneTo(view.historyCount));
      expect(record.types.filter((t) => t === 'concluded' || t === 'caseConcluded').length).toBeLessThanOrEqual(1);
      expect(record.doc?.seq).toBe(view.historyCount);
    }
    const rows = await caseRollupModel(db).find({ department: 'health-commission' }).lean();
    const total = (counter: 'submitted' | 'accepted' | 'concluded') => rows.reduce((n, r) => n + ((r.counts as Record<string, number> | undefined)?.[counter] ?? 0), 0);
    expect({ submitted: total('submitted'), accepted: total('accepted'), concluded: total('concluded') }).toEqual({ submitted: 3, accepted: 3, concluded: 3 });
  }, 300_000);
});
