import type { Client } from '@temporalio/client';
import { SUPERVISION_REMINDERS_WORKFLOW_ID, UPWARD_EXPORT_WORKFLOW_ID } from '../config/temporal';
import { supervisionRemindersWorkflow, type SupervisionRemindersInput } from '../workflows/background/supervision-reminders';
import { upwardExportWorkflow, type UpwardExportInput } from '../workflows/background/upward-export';

export interface BackgroundWorkflows {
  taskQueue: string;
  reminders: SupervisionRemindersInput;
  /** Absent when no EXPORT_URL is configured. */
  upwardExport?: UpwardExportInput;
}

/**
 * Starts the supervision office's long-running workflows unless they run already (fixed
 * ids, USE_EXISTING), so every worker may call this at start-up. A running one keeps its
 * input: to change an interval, terminate it and restart a worker.
 */
export async function startBackgroundWorkflows(client: Client, options: BackgroundWorkflows): Promise<string[]> {
  const started = [
    await client.workflow.start(supervisionRemindersWorkflow, {
      workflowId: SUPERVISION_REMINDERS_WORKFLOW_ID, taskQueue: options.taskQueue, args: [options.reminders],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  ];
  if (options.upwardExport) {
    started.push(await client.workflow.start(upwardExportWorkflow, {
      workflowId: UPWARD_EXPORT_WORKFLOW_ID, taskQueue: options.taskQueue, args: [options.upwardExport],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }));
  }
  return started.map((h) => h.workflowId);
}
