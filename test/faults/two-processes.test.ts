import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { caseRollupModel } from '../../db/models/case-rollup';
import { BUILT_ID, CASE_LISTS } from '../../db/queries/case-list-index';
import { ROOT } from '../../scripts/lib/embedded';
import { freePort, spawnManaged, waitFor, type Managed } from '../../scripts/lib/processes';
import { spawnWorker } from '../../scripts/lib/worker-process';
import { caseStateQuery } from '../../workflows/case/contract';
import { ADMIN } from '../api/harness';
import { STEPS, clerkOf, eventually, form, licence, oneTo, recordOf, type Api } from './support';

/** An API process's routes, called as `serveApi`'s are. */
function remoteApi(base: string): Api {
  return {
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers['authorization'] = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined && { body: JSON.stringify(init.body) }) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    close: async () => undefined,
  };
}

/**
 * Two worker processes and two API processes on one FerretDB and one task queue, cases
 * driven through both APIs at once: every write that is not an insert (the read model, the
 * rollup rows every case of a day shares, the list index's buckets) races between processes,
 * and nothing may be lost or counted twice.
 */
describe('two workers and two APIs at once', () => {
  const address = inject('temporalAddress');
  const mongoUri = inject('mongoUri').replace(/\/[^/]*$/, `/faults-two-${randomUUID().slice(0, 8)}`);
  const taskQueue = `faults-two-${randomUUID()}`;
  const env = {
    TEMPORAL_ADDRESS: address, MONGODB_URI: mongoUri, TEMPORAL_TASK_QUEUE: taskQueue, SUNLIGHT_EMBEDDED: 'false',
    JWT_SECRET: 'two-processes-test-secret-0123456789abcdef', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn',
  };
  const processes: Managed[] = [];
  const apis: Api[] = [];
  let db: mongoose.Connection;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    db = await mongoose.createConnection(mongoUri).asPromise();
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    for (const name of ['worker-1', 'worker-2']) processes.push(spawnWorker({ name, env, onLine: () => undefined }));
    await waitFor('two workers polling', async () => {
      const res = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1 });
      return new Set(res.pollers?.map((p) => p.identity)).size >= 2;
    }, 180_000);
    for (const name of ['api-1', 'api-2']) {
      const port = await freePort('127.0.0.1');
      processes.push(spawnManaged({
        name, command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'api/index.ts')], cwd: ROOT,
        env: { ...process.env, FORCE_COLOR: '0', ...env, API_PORT: String(port) }, onLine: () => undefined,
      }));
      const api = remoteApi(`http://127.0.0.1:${port}/api/v1`);
      await waitFor(name, async () => (await api.call('/health')).status === 200, 120_000);
      apis.push(api);
    }
  }, 300_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await connection?.close();
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('records every case once, counts it once and lists it once', async () => {
    const [one, two] = apis as [Api, Api];
    const clerk = await clerkOf(one);
    const CASES = 8;
    const started = await Promise.all(Array.from({ length: CASES }, async (_, i) => {
      const answer = await (i % 2 === 0 ? one : two).call('/cases', { token: clerk, body: { itemCode: licence.item.code, applicant: { name: form.applicantName }, data: form } });
      expect(answer.status).toBe(201);
      return answer.body.caseNo as string;
    }));
    // Every case runs its five actions, each through the API the other one used last, all cases at once.
    await Promise.all(started.map(async (caseNo, i) => {
      for (const [step, [action, body]] of STEPS.entries()) {
        const api = (i + step) % 2 === 0 ? one : two;
        const key = randomUUID();
        const answer = await eventually(() => api.call(`/cases/${caseNo}/actions/${action}`, { token: clerk, body, headers: { 'idempotency-key': key } }), (a) => a.status !== 503, 60_000, 500);
        expect(answer.status).toBe(200);
      }
    }));

    for (const caseNo of started) {
      const view = await client.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery);
      expect(view.status).toBe('concluded');
      const record = await eventually(() => recordOf(db, caseNo), (r) => r.doc?.status === 'concluded' && r.seqs.length >= view.historyCount, 60_000);
      expect(record.seqs).toEqual(oneTo(view.historyCount));
      expect(record.doc?.seq).toBe(view.historyCount);
    }
    const rows = await caseRollupModel(db).find({ department: licence.item.department }).lean();
    const total = (counter: 'submitted' | 'accepted' | 'concluded') => rows.reduce((n, r) => n + ((r.counts as Record<string, number> | undefined)?.[counter] ?? 0), 0);
    expect({ submitted: total('submitted'), accepted: total('accepted'), concluded: total('concluded') }).toEqual({ submitted: CASES, accepted: CASES, concluded: CASES });
    for (const row of rows) expect(new Set(row.applied).size).toBe(row.applied.length);

    // The lists read the index the two workers kept (placed just after the read model): each case once, concluded, in both APIs.
    expect(await db.collection<{ _id: string }>(CASE_LISTS).findOne({ _id: BUILT_ID })).not.toBeNull();
    const all = [...started].sort().join();
    for (const api of apis) {
      const concluded = await eventually(() => api.call('/cases?list=concluded&limit=200', { token: clerk }),
        (a) => (a.body.items as { caseNo: string }[]).map((c) => c.caseNo).sort().join() === all, 10_000);
      expect((concluded.body.items as { caseNo: string }[]).map((c) => c.caseNo).sort()).toEqual([...started].sort());
      const done = await api.call('/cases?list=done&sort=urgency&limit=200', { token: clerk });
      expect((done.body.items as { caseNo: string }[]).map((c) => c.caseNo).sort()).toEqual([...started].sort());
      expect((await api.call('/worklists', { token: clerk })).body).toEqual({ todo: 0, done: CASES, department: 0, concluded: CASES });
      expect((await api.call('/case-levels', { token: clerk })).body).toEqual({ normal: 0, warning: 0, yellow: 0, red: 0 });
    }
  }, 300_000);
});
