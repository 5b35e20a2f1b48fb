import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { createApp } from './server';

/** Starts the API and stops it cleanly on SIGINT/SIGTERM (in-flight requests finish first). */
async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env, 'api');
  const db = await mongoose.createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = createApp({ db, temporal, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(env.API_PORT, env.SUNLIGHT_HOST, () => resolve(s));
  });
  logger.info({ url: `http://${env.SUNLIGHT_HOST}:${env.API_PORT}/api/v1` }, 'api listening');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'api shutting down');
    server.close(() => {
      void Promise.allSettled([connection.close(), db.close()]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

run().catch((err: unknown) => {
  console.error('api failed:', err);
  process.exit(1);
});
