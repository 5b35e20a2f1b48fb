/**
 * The benchmarks' own servers, on free ports and a fresh temporary directory (never the
 * shared `.data/`): the Temporal dev server on a persistent SQLite file, FerretDB, Sunlight's
 * worker and the baseline worker as child processes, and the API in this process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { newPayloadKey, parsePayloadKeys, payloadDataConverter } from '../../config/payload-codec';
import mongoose from 'mongoose';
import { connectDatabase } from '../../db/connect';
import { pino } from 'pino';
import { ensureAdministrator } from '../../api/auth/service';
import { createApp } from '../../api/server';
import { parseServerTiming } from '../../api/http/timing';
import { TEMPORAL_SQLITE_PRAGMAS, goServerEnv, startFerretDb, startTemporal } from '../../scripts/lib/embedded';
import { freePort, type Managed } from '../../scripts/lib/processes';
import { spawnWorker, waitForWorker } from '../../scripts/lib/worker-process';
import { WORKER_TUNING } from '../../worker/tuning';

export const CASE_QUEUE = 'bench-cases';
export const BASELINE_QUEUE = 'bench-baseline';
export const ADMIN = { username: 'admin', password: 'bench-admin-password' };

export interface BenchStack {
  temporalAddress: string;
  mongoUri: string;
  /** FerretDB's process id (its CPU time is a benchmark's figure). */
  ferretDbPid: number | undefined;
  /** The Temporal dev server's process id (for its CPU time). */
  temporalPid: number | undefined;
  db: mongoose.Connection;
  client: Client;
  apiUrl: string;
  caseWorker: Managed;
  baselineWorker: Managed;
  config: Record<string, unknown>;
  /**
   * With `profileDir`: takes a Go CPU profile of FerretDB for `seconds` from now and writes it
   * to `<dir>/ferretdb/<name>.pb.gz` (`go tool pprof` reads it), answering its path; without
   * it, null.
   */
  profileFerretDb(name: string, seconds: number): Promise<string | null>;
  /** The payload key the workers and the client share (for another worker the benchmark starts). */
  payloadKeys: string;
  stop(): Promise<void>;
}

const quiet = (name: string, line: string) => {
  if (/level=(ERROR|FATAL)|panic|"level":(50|60)/.test(line)) process.stderr.write(`[${name}] ${line.slice(0, 400)}\n`);
};

/**
 * `profileDir`: each worker writes a V8 CPU profile of its threads (the workflow thread's apart)
 * there when it stops (`<dir>/worker`, `<dir>/baseline`; open them in Chrome's developer tools),
 * and FerretDB serves Go's profiles for {@link BenchStack.profileFerretDb}.
 */
export async function startBenchStack(options: { profileDir?: string } = {}): Promise<BenchStack> {
  const profiled = (name: string) => (options.profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, name)}`] } : {});
  const host = '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'sunlight-bench-'));
  const started: Managed[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const proc of started.reverse()) await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [temporalPort, mongoPort] = [await freePort(host), await freePort(host)];
    const temporalAddress = `${host}:${temporalPort}`;
    const mongoUri = `mongodb://${host}:${mongoPort}/sunlight-bench`;
    const temporal = await startTemporal({ host, port: temporalPort, dbFile: join(dir, 'temporal.db'), onLine: quiet });
    started.push(temporal);
    const profilesPort = options.profileDir === undefined ? undefined : await freePort(host);
    const ferretDb = await startFerretDb({ host, port: mongoPort, dataDir: join(dir, 'ferretdb'), onLine: quiet, ...(profilesPort === undefined ? {} : { profilesPort }) });
    started.push(ferretDb);
    // Payloads encrypted as in production: the workers and this client share a key.
    const payloadKeys = newPayloadKey('bench');
    const env = { TEMPORAL_ADDRESS: temporalAddress, MONGODB_URI: mongoUri, SUNLIGHT_EMBEDDED: 'false', TEMPORAL_PAYLOAD_KEYS: payloadKeys };
    const caseWorker = spawnWorker({ name: 'worker', env: { ...env, TEMPORAL_TASK_QUEUE: CASE_QUEUE }, onLine: quiet, ...profiled('worker') });
    started.push(caseWorker);
    const baselineWorker = spawnWorker({ name: 'baseline', entry: 'bench/lib/baseline-worker.ts', env: { ...env, TEMPORAL_TASK_QUEUE: BASELINE_QUEUE }, onLine: quiet, ...profiled('baseline') });
    started.push(baselineWorker);
    await Promise.all([waitForWorker(caseWorker, temporalAddress, CASE_QUEUE), waitForWorker(baselineWorker, temporalAddress, BASELINE_QUEUE)]);

    const db = await connectDatabase(mongoUri);
    closers.push(() => db.close());
    const connection = await Connection.connect({ address: temporalAddress });
    closers.push(() => connection.close());
    const client = new Client({ connection, dataConverter: payloadDataConverter(parsePayloadKeys(payloadKeys)) });
    const logger = pino({ level: process.env['BENCH_LOG_LEVEL'] ?? 'silent' });
    await ensureAdministrator(db, logger, ADMIN);
    const app = createApp({ db, temporal: client, logger, settings: { taskQueue: CASE_QUEUE } });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, host, () => resolve(s));
    });
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const address = server.address();
    const apiUrl = `http://${host}:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    const { GOGC, GOMEMLIMIT } = goServerEnv();
    const config = {
      temporal: { server: 'temporal server start-dev (CLI v1.5.1), --log-level warn, --headless', dbFile: 'temporary SQLite file', sqlitePragmas: TEMPORAL_SQLITE_PRAGMAS, GOGC, GOMEMLIMIT },
      ferretdb: { version: 'v1.24.2 SQLite backend', sqlitePragmas: ['busy_timeout(10000)', 'journal_mode(wal)', 'auto_vacuum(none)'], GOGC, GOMEMLIMIT },
      worker: { process: 'node --import tsx worker/index.ts', ...WORKER_TUNING },
      api: 'createApp in the benchmark process',
    };
    const { profileDir } = options;
    const profileFerretDb = async (name: string, seconds: number) => {
      if (profileDir === undefined || profilesPort === undefined) return null;
      const answer = await fetch(`http://${host}:${profilesPort}/debug/pprof/profile?seconds=${seconds}`);
      if (!answer.ok) throw new Error(`FerretDB's CPU profile: HTTP ${answer.status}`);
      const file = join(profileDir, 'ferretdb', `${name}.pb.gz`);
      mkdirSync(join(profileDir, 'ferretdb'), { recursive: true });
      writeFileSync(file, Buffer.from(await answer.arrayBuffer()));
      return file;
    };
    return {
      temporalAddress, mongoUri, ferretDbPid: ferretDb.child.pid, temporalPid: temporal.child.pid, db, client, apiUrl, caseWorker, baselineWorker, config,
      payloadKeys, profileFerretDb, stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** JSON over HTTP; answers status and parsed body. */
export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined && { body: JSON.stringify(init.body) }) });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any, timing: parseServerTiming(res.headers.get('server-timing')), retryAfter: res.headers.get('retry-after') };
}
