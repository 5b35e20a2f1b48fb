import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase } from '../db/connect';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { payloadDataConverter, payloadKeysOf } from '../config/payload-codec';
import { ensureAdministrator } from './auth/service';
import { seedDemo } from './demo/seed';
import { ensureEvaluationSchedules } from './evaluations/schedules';
import { answerClientErrors } from './http/client-error';
import { createApp, createContext } from './server';
import { startIntentSweeper } from './supervision-log/intents';
import { apiSettings } from './settings';

/** Starts the API and stops it cleanly on SIGINT/SIGTERM (in-flight requests finish first). */
async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env, 'api');
  const db = await connectDatabase(env.MONGODB_URI);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter(payloadKeysOf(env)) });
  const settings = apiSettings(env);
  const demoPassword = env.ADMIN_PASSWORD ?? (env.SUNLIGHT_DEMO ? 'sunlight-demo' : undefined);
  await ensureAdministrator(db, logger, { username: env.ADMIN_USERNAME, password: demoPassword, ...(env.ADMIN_PASSWORD_FILE && { passwordFile: env.ADMIN_PASSWORD_FILE }) });
  if (env.SUNLIGHT_DEMO && demoPassword) await seedDemo({ db, temporal, logger, settings, password: demoPassword });
  await ensureEvaluationSchedules(temporal, settings, logger);
  const app = createApp({ db, temporal, logger, settings });
  // Completes logged actions that a crash or an outage left between their effect and their record.
  const stopSweeper = startIntentSweeper(createContext({ db, temporal, logger, settings }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(env.API_PORT, env.SUNLIGHT_HOST, () => resolve(s));
  });
  answerClientErrors(server, logger);
  logger.info({ url: `http://${env.SUNLIGHT_HOST}:${env.API_PORT}/api/v1` }, 'api listening');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'api shutting down');
    stopSweeper();
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
