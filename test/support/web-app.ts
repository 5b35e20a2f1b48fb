import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../api/server';
import { ROOT } from '../../scripts/lib/embedded';
import { freePort, spawnManaged, waitFor, type Managed } from '../../scripts/lib/processes';
import { testDataConverter } from './payload-keys';

export interface RunningWebApp {
  url: string;
  apiUrl: string;
  stop(): Promise<void>;
}

/**
 * The API (in this process, on the test run's Temporal and FerretDB) and the built web app
 * served by `vite preview`, which forwards /api to that API as in production.
 */
export async function startWebApp(): Promise<RunningWebApp> {
  const db = await mongoose.createConnection(inject('mongoUri')).asPromise();
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection, dataConverter: testDataConverter() });
  const app = createApp({ db, temporal, logger: pino({ level: 'silent' }) });
  const apiPort = await freePort();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(apiPort, '127.0.0.1', () => resolve(s));
  });
  const webPort = await freePort();
  const vite = `${ROOT}/node_modules/.bin/vite`;
  const env = { ...process.env, API_PORT: String(apiPort), SUNLIGHT_HOST: '127.0.0.1' };
  const quiet = () => undefined;
  const build = spawnManaged({ name: 'vite-build', command: vite, args: ['build', '--config', 'designer/vite.config.ts', '--logLevel', 'error'], cwd: ROOT, env, onLine: quiet });
  const buildCode = await build.exited;
  if (buildCode !== 0) throw new Error(`vite build failed (${buildCode})`);
  const preview: Managed = spawnManaged({
    name: 'vite-preview',
    command: vite,
    args: ['preview', '--config', 'designer/vite.config.ts', '--host', '127.0.0.1', '--port', String(webPort), '--strictPort'],
    cwd: ROOT,
    env,
    onLine: quiet,
  });
  const url = `http://127.0.0.1:${webPort}/`;
  await waitFor('vite preview', async () => (await fetch(url)).ok, 30_000);
  return {
    url,
    apiUrl: `http://127.0.0.1:${apiPort}/api/v1`,
    async stop() {
      await preview.stop();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      await db.close();
    },
  };
}
