/**
 * `npm start`: runs the whole product on one machine — FerretDB, the Temporal dev server
 * (persistent SQLite, Web UI), the worker, and the API serving the built web app — waits
 * until each is healthy, writes every process's output to one log, and stops them all on
 * Ctrl-C/SIGTERM.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { loadEnv, type Env } from '../config/env';
import { newPayloadKey } from '../config/payload-codec';
import { ROOT, startFerretDb, startTemporal } from './lib/embedded';
import { isPortOpen, spawnManaged, waitFor, type Managed } from './lib/processes';
import { builtWebApp } from './lib/web-build';

function hostPort(address: string): { host: string; port: number } {
  const match = /^(?:mongodb:\/\/)?([^:/]+):(\d+)/.exec(address);
  if (!match?.[1] || !match[2]) throw new Error(`cannot read host:port from "${address}"`);
  return { host: match[1], port: Number(match[2]) };
}

async function checkPortsFree(ports: { key: string; host: string; port: number }[]): Promise<void> {
  const taken: string[] = [];
  for (const p of ports) if (await isPortOpen(p.host, p.port)) taken.push(`${p.host}:${p.port} (${p.key})`);
  if (taken.length > 0) {
    throw new Error(
      `port already in use: ${taken.join(', ')}.\n` +
        'Stop whatever listens there, or choose other ports in .env (see .env.example).',
    );
  }
}

async function workerPolling(env: Env): Promise<boolean> {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS, connectTimeout: 2_000 });
  try {
    const res = await connection.workflowService.describeTaskQueue({
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: { name: env.TEMPORAL_TASK_QUEUE },
      taskQueueType: 1, // workflow task queue
    });
    return (res.pollers?.length ?? 0) > 0;
  } finally {
    await connection.close();
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return res.ok;
}

/**
 * The Temporal payload keys: as configured, else the key kept in the data directory (made on
 * the first start, readable by this user only), so a restart still decodes every history.
 */
function payloadKeys(env: Env, dataDir: string): string {
  if (env.TEMPORAL_PAYLOAD_KEYS) return env.TEMPORAL_PAYLOAD_KEYS;
  const file = join(dataDir, 'temporal-payload-keys');
  if (!existsSync(file)) writeFileSync(file, `${newPayloadKey(`local-${new Date().toISOString().slice(0, 10)}`)}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

async function run(): Promise<void> {
  const env = loadEnv();
  const dataDir = resolve(ROOT, env.SUNLIGHT_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'sunlight.log');
  const onLine = (name: string, line: string) => {
    const text = `[${name}] ${line}\n`;
    process.stdout.write(text);
    appendFileSync(logFile, `${new Date().toISOString()} ${text}`);
  };
  const say = (line: string) => onLine('sunlight', line);

  const temporal = hostPort(env.TEMPORAL_ADDRESS);
  const mongo = hostPort(env.MONGODB_URI);
  const host = env.SUNLIGHT_HOST;
  const ports = [{ key: 'API_PORT', host, port: env.API_PORT }];
  if (env.SUNLIGHT_EMBEDDED) {
    ports.push(
      { key: 'TEMPORAL_ADDRESS', ...temporal },
      { key: 'TEMPORAL_UI_PORT', host: temporal.host, port: env.TEMPORAL_UI_PORT },
      { key: 'MONGODB_URI', ...mongo },
    );
  }
  await checkPortsFree(ports);

  const running: Managed[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const proc of [...running].reverse()) await proc.stop();
    say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  const watch = (proc: Managed) => {
    running.push(proc);
    void proc.exited.then((code) => {
      if (!stopping) {
        say(`${proc.name} exited unexpectedly (${code}); stopping everything`);
        void stopAll(1);
      }
    });
    return proc;
  };

  // Without a configured password the API generates the administrator's first one into this file.
  const passwordFile = join(dataDir, 'initial-admin-password');
  const passwordFileBefore = existsSync(passwordFile) ? statSync(passwordFile).mtimeMs : null;
  const childEnv = {
    ...process.env, FORCE_COLOR: '0', TEMPORAL_PAYLOAD_KEYS: payloadKeys(env, dataDir),
    ...(!env.ADMIN_PASSWORD && !env.ADMIN_PASSWORD_FILE && { ADMIN_PASSWORD_FILE: passwordFile }),
    // The embedded Web UI calls the codec endpoint from its own origin.
    TEMPORAL_UI_ORIGIN: process.env['TEMPORAL_UI_ORIGIN'] ?? `http://${temporal.host}:${env.TEMPORAL_UI_PORT}`,
  };
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  try {
    if (env.SUNLIGHT_EMBEDDED) {
      say(`starting FerretDB on ${mongo.host}:${mongo.port}`);
      watch(await startFerretDb({ ...mongo, dataDir: join(dataDir, 'ferretdb'), onLine }));
      say(`starting the Temporal dev server on ${env.TEMPORAL_ADDRESS}`);
      watch(await startTemporal({ ...temporal, uiPort: env.TEMPORAL_UI_PORT, dbFile: join(dataDir, 'temporal/temporal.db'), namespace: env.TEMPORAL_NAMESPACE, onLine }));
    }
    say('building the web app (once per change of its sources)');
    const webApp = await builtWebApp(join(dataDir, 'web'), childEnv);
    say('starting the worker');
    watch(spawnManaged({ name: 'worker', command: tsx, args: ['worker/index.ts'], cwd: ROOT, env: childEnv, onLine }));
    await waitFor('worker (polling its task queue)', () => workerPolling(env), 120_000);
    say('starting the API and the web app');
    watch(spawnManaged({ name: 'api', command: tsx, args: ['api/index.ts'], cwd: ROOT, env: { ...childEnv, WEB_APP_DIR: webApp }, onLine }));
    const webUrl = `http://${host}:${env.API_PORT}/`;
    const apiUrl = `${webUrl}api/v1`;
    await waitFor('API', () => httpOk(`${apiUrl}/health`), 60_000);

    say('Sunlight is running:');
    say(`  web app (designer, console, workbench): ${webUrl}`);
    say(`  API:                                    ${apiUrl}  (health: ${apiUrl}/health)`);
    if (env.SUNLIGHT_EMBEDDED) say(`  Temporal Web UI:                        http://${temporal.host}:${env.TEMPORAL_UI_PORT}/`);
    say(`  logs: ${logFile}`);
    const generated = existsSync(passwordFile) && statSync(passwordFile).mtimeMs !== passwordFileBefore;
    if (generated) {
      // Shown on the terminal only, once, never in the log file; the file keeps it until it is changed.
      process.stdout.write(
        `[sunlight] administrator created: sign in as "${env.ADMIN_USERNAME}" with the password ${readFileSync(passwordFile, 'utf8').trim()}\n` +
          `[sunlight]   (kept in ${passwordFile}; you are asked for a new one at first sign-in)\n`,
      );
      appendFileSync(logFile, `${new Date().toISOString()} [sunlight] administrator created; its first password is in ${passwordFile}\n`);
    }
    if (!env.SUNLIGHT_DEMO) say('  demo data (departments, users of every role, items, cases): stop, then `SUNLIGHT_DEMO=true npm start` (loaded while no department exists; demo users\' password: ADMIN_PASSWORD, else sunlight-demo)');
    say('Press Ctrl-C to stop.');
  } catch (err) {
    say(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

run().catch((err: unknown) => {
  console.error(`sunlight: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
