// HTTP API figures on the real stack (Temporal dev server in memory, FerretDB, a worker with
// the real workflows), all on this machine. Prints numbers, asserts nothing.
//   requests/s: an Express hello route vs. validated read endpoints of the API, same run;
//   latency: a clerk action over HTTP (auth, validation, update, answer) vs. a raw executeUpdate.
// Run: npx tsx bench/api.bench.ts [seconds per rate run, default 5] [actions, default 60]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import express from 'express';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { createActivities } from '../activities';
import { ensureAdministrator } from '../api/auth/service';
import hygiene from '../api/demo/items/public-place-hygiene-licence.json';
import { createApp } from '../api/server';
import { caseWorkflowId } from '../config/temporal';
import { acceptUpdate } from '../workflows/case/contract';
import { startFerretDb, startTemporal } from '../scripts/lib/embedded';
import { freePort, type Managed } from '../scripts/lib/processes';
import { newPayloadKey, parsePayloadKeys, payloadDataConverter } from '../config/payload-codec';

const seconds = Number(process.argv[2] ?? 5);
const actions = Number(process.argv[3] ?? 60);
const CONCURRENCY = 16;
const host = '127.0.0.1';
const silent = pino({ level: 'silent' });
Runtime.install({ logger: new DefaultLogger('WARN') });

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

// Keep-alive sockets through node:http: lighter than fetch, so the client measures the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Target {
  label: string;
  url: string;
  headers?: Record<string, string>;
}

/**
 * Requests per second of each target with CONCURRENCY callers. The targets take turns in
 * one-second slices (`seconds` rounds), so a change in the machine's load hits them alike.
 */
async function rates(targets: Target[]): Promise<void> {
  const totals = targets.map(() => ({ done: 0, failed: 0, ms: 0 }));
  for (let round = 0; round < seconds; round++) {
    for (const [i, target] of targets.entries()) {
      const total = totals[i] as { done: number; failed: number; ms: number };
      const started = performance.now();
      const until = started + 1000;
      const caller = async () => {
        while (performance.now() < until) {
          const res = await request('GET', target.url, target.headers);
          if (res.status === 200) total.done++;
          else total.failed++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, caller));
      total.ms += performance.now() - started;
    }
  }
  for (const [i, target] of targets.entries()) {
    const { done, failed, ms } = totals[i] as { done: number; failed: number; ms: number };
    console.log(`${target.label.padEnd(52)} ${((done * 1000) / ms).toFixed(0).padStart(7)} req/s${failed ? `  (${failed} failed)` : ''}`);
  }
}

function percentiles(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  console.log(`${label.padEnd(52)} p50 ${at(0.5).toFixed(1).padStart(6)} ms   p99 ${at(0.99).toFixed(1).padStart(6)} ms   (n=${sorted.length})`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-bench-'));
  const started: Managed[] = [];
  try {
    const [temporalPort, mongoPort] = [await freePort(host), await freePort(host)];
    const quiet = () => undefined;
    started.push(...(await Promise.all([
      startTemporal({ host, port: temporalPort, onLine: quiet }),
      startFerretDb({ host, port: mongoPort, dataDir: join(dataDir, 'ferretdb'), onLine: quiet }),
    ])));
    const db = await mongoose.createConnection(`mongodb://${host}:${mongoPort}/bench`).asPromise();
    const connection = await Connection.connect({ address: `${host}:${temporalPort}` });
    // Payloads encrypted as in production, so the figures include the codec.
    const dataConverter = payloadDataConverter(parsePayloadKeys(newPayloadKey('bench')));
    const temporal = new Client({ connection, dataConverter });
    const native = await NativeConnection.connect({ address: `${host}:${temporalPort}` });
    const taskQueue = 'bench';
    const worker = await Worker.create({
      connection: native, taskQueue, dataConverter, activities: createActivities({ db, logger: silent }),
      workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
      bundlerOptions: { logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } } as never,
    });
    const running = worker.run();

    const admin = { username: 'admin', password: 'bench-password-1' };
    await ensureAdministrator(db, silent, admin);
    const api = await listen(createApp({ db, temporal, logger: silent, settings: { taskQueue } }));
    const hello = express();
    hello.get('/hello', (_req, res) => {
      res.json({ hello: 'world' });
    });
    const plain = await listen(hello);

    const call = async (path: string, token: string | null, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${api.url}/api/v1${path}`, {
        method: body === undefined ? 'GET' : path.endsWith('/draft') ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const adminToken = (await call('/auth/login', null, admin))['token'] as string;
    await call('/departments', adminToken, { code: 'health-commission', name: '卫健委' });
    await call('/users', adminToken, { username: 'clerk', name: '承办人', password: 'clerk-password-1', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] });
    const clerk = (await call('/auth/login', null, { username: 'clerk', password: 'clerk-password-1' }))['token'] as string;
    const draft = await call(`/definitions/${hygiene.item.code}/draft`, adminToken, { definition: hygiene });
    await call(`/definitions/${hygiene.item.code}/publish`, adminToken, { revision: draft['revision'] });

    const data = { applicantName: '某宾馆', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州', businessType: 'hotel' };
    const start = async () => (await call('/cases', clerk, { itemCode: hygiene.item.code, applicant: { name: '某宾馆' }, data }))['caseNo'] as string;
    const httpCases: string[] = [];
    const rawCases: string[] = [];
    for (let i = 0; i < actions; i++) {
      httpCases.push(await start());
      rawCases.push(await start());
    }
    console.log(`\nrequests per second (${CONCURRENCY} concurrent callers, ${seconds} one-second turns each, same process and cores)`);
    await rates([
      { label: 'Express hello route', url: `${plain.url}/hello` },
      { label: 'GET /auth/me (token, stored user cached)', url: `${api.url}/api/v1/auth/me`, headers: { authorization: `Bearer ${clerk}` } },
      { label: 'GET /items?category=… (validated query, Mongo)', url: `${api.url}/api/v1/items?category=administrative-licence` },
      { label: 'GET /cases?status=…&limit=20 (auth, validated, Mongo)', url: `${api.url}/api/v1/cases?status=submitted&limit=20`, headers: { authorization: `Bearer ${clerk}` } },
    ]);

    const actor = { userId: 'bench', roles: ['acceptor'], departments: ['health-commission'] };
    const httpTimes: number[] = [];
    const rawTimes: number[] = [];
    // Interleaved, so both see the same load on the server and the worker.
    for (let i = 0; i < actions; i++) {
      let t = performance.now();
      const answer = await request('POST', `${api.url}/api/v1/cases/${httpCases[i]}/actions/accept`, { authorization: `Bearer ${clerk}`, 'idempotency-key': randomUUID() }, '{}');
      httpTimes.push(performance.now() - t);
      if (answer.status !== 200) throw new Error(`accept: ${answer.status} ${answer.body}`);
      t = performance.now();
      const key = randomUUID();
      await temporal.workflow.getHandle(caseWorkflowId(rawCases[i] as string)).executeUpdate(acceptUpdate, { args: [{ idempotencyKey: key, actor }], updateId: key });
      rawTimes.push(performance.now() - t);
    }
    console.log(`\nclerk action 'accept' (sequential, ${actions} cases each)`);
    percentiles('HTTP POST …/actions/accept → update → answer', httpTimes);
    percentiles('raw executeUpdate(acceptUpdate)', rawTimes);

    await new Promise((resolve) => api.server.close(resolve));
    await new Promise((resolve) => plain.server.close(resolve));
    agent.destroy();
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await db.close();
  } finally {
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
