/**
 * Worker process of the baseline workflows, with Sunlight's worker options.
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, TEMPORAL_PAYLOAD_KEYS (encrypted as Sunlight's own, so the comparison is fair).
 */
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { parsePayloadKeys, payloadDataConverter } from '../../config/payload-codec';
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
    dataConverter: payloadDataConverter(parsePayloadKeys(process.env['TEMPORAL_PAYLOAD_KEYS'])),
    ...WORKER_TUNING,
  });
  await worker.run();
  await connection.close();
}

run().catch((err: unknown) => {
  console.error('baseline worker failed:', err);
  process.exit(1);
});
