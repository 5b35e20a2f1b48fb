/**
 * The upward export (系统联网): pushes the supervision feed to the provincial system in
 * batches, forever. The cursor and the batch in flight live in MongoDB, not in this
 * workflow, so a crash anywhere — worker, activity, receiver — resumes from the cursor
 * and re-sends the same batch under the same Idempotency-Key. Failed deliveries are
 * retried with exponential backoff; an idle feed is polled every `intervalMs`.
 */
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { SupervisionActivities } from '../../activities/supervision';

export const UPWARD_EXPORT_WORKFLOW_NAME = 'upwardExportWorkflow';

export interface UpwardExportInput {
  /** Pause when the feed has nothing new. */
  intervalMs: number;
  /** Batches per run before continuing as new (keeps the history short); default 200. */
  batchesPerRun?: number;
}

const store = proxyActivities<SupervisionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const sender = proxyActivities<SupervisionActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function upwardExportWorkflow(input: UpwardExportInput): Promise<never> {
  const perRun = input.batchesPerRun ?? 200;
  for (let step = 0; step < perRun * 2 && !workflowInfo().continueAsNewSuggested; step++) {
    const batch = await store.prepareExportBatch();
    if (!batch) {
      await sleep(input.intervalMs);
      continue;
    }
    await sender.deliverExportBatch(batch);
    await store.commitExportBatch(batch);
  }
  return continueAsNew<typeof upwardExportWorkflow>(input);
}
