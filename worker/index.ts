import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { connectDatabase } from '../db/connect';
import { createActivities } from '../activities';
import { detachedSettled } from '../activities/detach';
import { channelSettings } from '../activities/notify/settings';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';
import { payloadDataConverter, payloadKeysOf } from '../config/payload-codec';
import { startBackgroundWorkflows } from './background';
import { PRELOADED_MODULES, WORKER_TUNING } from './tuning';

const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Connects to Temporal and MongoDB and runs the case workflows and activities until SIGINT/SIGTERM. */
async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env, 'worker');
  const dataConverter = payloadDataConverter(payloadKeysOf(env));
  const db = await connectDatabase(env.MONGODB_URI);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      workflowsPath,
      bundlerOptions: { preloadModules: PRELOADED_MODULES },
      dataConverter,
      ...WORKER_TUNING,
      activities: createActivities({
        db, logger,
        channels: channelSettings(env),
        utcOffsetMinutes: env.TIME_ZONE_OFFSET_MINUTES,
        dispositionClock: {
          taskQueue: env.TEMPORAL_TASK_QUEUE, timeZone: env.TIME_ZONE, utcOffsetMinutes: env.TIME_ZONE_OFFSET_MINUTES,
          limits: { dispositionDays: env.ANOMALY_DISPOSITION_DAYS, objectionDays: env.ANOMALY_OBJECTION_DAYS, decisionDays: env.ANOMALY_DECISION_DAYS },
        },
        reminders: { remindAfterMs: env.REMINDER_AFTER_MINUTES * 60_000, escalateAfterMs: env.REMINDER_ESCALATE_AFTER_MINUTES * 60_000 },
        ...(env.EXPORT_URL && env.EXPORT_SECRET && { upwardExport: { url: env.EXPORT_URL, secret: env.EXPORT_SECRET, batchSize: env.EXPORT_BATCH_SIZE } }),
      }),
    });
    logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, temporal: env.TEMPORAL_ADDRESS }, 'worker running');
    const client = new Client({ connection: await Connection.connect({ address: env.TEMPORAL_ADDRESS }), namespace: env.TEMPORAL_NAMESPACE, dataConverter });
    const background = await startBackgroundWorkflows(client, {
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      reminders: { intervalMs: env.REMINDER_INTERVAL_SECONDS * 1000 },
      ...(env.EXPORT_URL && env.EXPORT_SECRET && { upwardExport: { intervalMs: env.EXPORT_INTERVAL_SECONDS * 1000 } }),
    });
    await client.connection.close();
    logger.info({ background }, 'background workflows running');
    await worker.run();
    await detachedSettled();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await db.close();
  }
}

run().catch((err: unknown) => {
  console.error('worker failed:', err);
  process.exit(1);
});
