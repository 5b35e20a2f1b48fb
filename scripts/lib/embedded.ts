import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { searchAttributeArgs } from '../../config/temporal';
import { spawnManaged, waitFor, waitForPort, type Managed, type SpawnOptions } from './processes';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_BIN = join(ROOT, '.tools/bin');

function tool(name: string): string {
  const path = join(TOOLS_BIN, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup\` (scripts/setup.sh) first`);
  return path;
}

/**
 * SQLite pragmas for the dev server's persistent store. WAL lets the history and
 * visibility readers run beside the single writer; synchronous=NORMAL is safe with WAL
 * (a power cut can lose the last transactions, never corrupt the file).
 */
export const TEMPORAL_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

/**
 * The garbage collector's settings of the embedded Go servers (the Temporal dev server and
 * FerretDB), where the environment sets none: collect when the heap has grown fourfold since
 * the last collection (`GOGC=400`; Go's default, 100, collects when it has doubled), within a
 * soft limit of 1 GiB each (`GOMEMLIMIT`: near it Go collects as often as it must).
 *
 * Both servers turn every request into short-lived garbage (FerretDB decodes each document it
 * reads or writes field by field and encodes it again for SQLite). Collecting a quarter as
 * often took a quarter to a third off FerretDB's CPU in a midnight's writes, and the limit
 * keeps a large scan's peak (a list no index answers, over 100,000 cases) near what it was at
 * Go's defaults instead of doubling it (README "Performance", "The embedded Go servers'
 * garbage collector", for the alternated runs). `GOGC` or `GOMEMLIMIT` set in the environment
 * reach both servers as they are.
 */
export const GO_COLLECTOR_DEFAULTS = { GOGC: '400', GOMEMLIMIT: '1GiB' } as const;

/** The environment of an embedded Go server: `env`, with {@link GO_COLLECTOR_DEFAULTS} where it sets none (or sets it empty). */
export function goServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const withDefaults = { ...env };
  for (const [key, value] of Object.entries(GO_COLLECTOR_DEFAULTS)) if (!withDefaults[key]) withDefaults[key] = value;
  return withDefaults;
}

/**
 * The embedded servers have no authentication (the Temporal frontend, its Web UI, FerretDB),
 * so they listen on the loopback interface only, whatever the configuration says.
 */
function loopbackOnly(what: string, host: string): string {
  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host)) {
    throw new Error(`${what} is embedded and listens on the loopback interface only, not on ${host}; use 127.0.0.1 (or SUNLIGHT_EMBEDDED=false)`);
  }
  return host;
}

export interface TemporalOptions {
  host: string;
  port: number;
  uiPort?: number;
  /** Persistent SQLite file; in memory when absent. */
  dbFile?: string;
  namespace?: string;
  onLine?: SpawnOptions['onLine'];
}

/** Starts `temporal server start-dev` with Sunlight's search attributes and waits until it serves the namespace. */
export async function startTemporal(opts: TemporalOptions): Promise<Managed> {
  const host = loopbackOnly('Temporal', opts.host);
  const args = ['server', 'start-dev', '--ip', host, '--port', String(opts.port), '--log-level', 'warn'];
  args.push(...searchAttributeArgs());
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), '--ui-ip', host);
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    for (const pragma of TEMPORAL_SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  const proc = spawnManaged({ name: 'temporal', command: tool('temporal'), args, env: goServerEnv(), onLine: opts.onLine });
  try {
    await waitForPort('Temporal dev server', opts.host, opts.port, 60_000, proc);
    await waitFor('Temporal namespace', () => namespaceReady(`${opts.host}:${opts.port}`, opts.namespace ?? 'default'), 60_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return proc;
}

async function namespaceReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

export interface FerretOptions {
  host: string;
  port: number;
  dataDir: string;
  onLine?: SpawnOptions['onLine'];
  /** For measuring: FerretDB serves Go's profiles (net/http/pprof) on this port of `host` (loopback). */
  profilesPort?: number;
}

/** Starts FerretDB (SQLite backend) and waits until it answers a MongoDB ping. */
export async function startFerretDb(opts: FerretOptions): Promise<Managed> {
  mkdirSync(opts.dataDir, { recursive: true });
  const sqliteUrl = `file:${opts.dataDir.endsWith('/') ? opts.dataDir : `${opts.dataDir}/`}`;
  const proc = spawnManaged({
    name: 'ferretdb',
    command: tool('ferretdb'),
    args: [
      '--listen-addr', `${loopbackOnly('FerretDB', opts.host)}:${opts.port}`, '--sqlite-url', sqliteUrl, '--log-level', 'warn',
      ...(opts.profilesPort === undefined ? [] : ['--pprof-addr', `${opts.host}:${opts.profilesPort}`]),
    ],
    env: goServerEnv(),
    onLine: opts.onLine,
  });
  try {
    await waitForPort('FerretDB', opts.host, opts.port, 30_000, proc);
    await waitFor('FerretDB ping', () => mongoPing(`mongodb://${opts.host}:${opts.port}/admin`), 30_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return proc;
}

async function mongoPing(uri: string): Promise<boolean> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 2_000 }).asPromise();
  try {
    await conn.db?.admin().ping();
    return true;
  } finally {
    await conn.close();
  }
}

/** Path of the executable wrapper around Temporal's Java time-skipping test server. */
export function testServerPath(): string {
  return tool('temporal-test-server');
}
