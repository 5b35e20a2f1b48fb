import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { createActivities } from '../activities';
import { loadEnv } from '../config/env';
import { createLogger } from '../config/logger';

const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Connects to Temporal and MongoDB and runs the case workflows and activities until SIGINT/SIGTERM. */
async function run(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env, 'worker');
  const db = await mongoose.createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      workflowsPath,
      activities: createActivities({ db, logger }),
    });
    logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE, temporal: env.TEMPORAL_ADDRESS }, 'worker running');
    await worker.run();
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
