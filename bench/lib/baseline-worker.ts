/**
 * Worker process of the baseline workflows, with Sunlight's worker options.
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE.
 */
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { WORKER_TUNING } from '../../worker/tuning';
import { baselineActivities } from './baseline-activities';

async function run(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233';
  const taskQueue = process.env['TEMPORAL_TASK_QUEUE'] ?? 'sunlight-baseline';
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./baseline-workflows.ts', import.meta.url)),
    activities: baselineActivities,
    ...WORKER_TUNING,
  });
  await worker.run();
  await connection.close();
}

run().catch((err: unknown) => {
  console.error('baseline worker failed:', err);
  process.exit(1);
});
