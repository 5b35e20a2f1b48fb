import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { ANOMALY_WORKFLOW_NAME, anomalyWorkflowId } from '../../config/temporal';
import { effectiveCalendar } from '../../db/queries/calendar';
import type { AnomalyLimits, AnomalyStartInput } from '../../domain/oversight/anomaly';
import type { AnomalyRecord } from '../contract/case-records';

/** What the worker configures for the anomalies' disposition clocks. */
export interface DispositionClockSettings {
  taskQueue: string;
  limits: AnomalyLimits;
  timeZone: string;
  utcOffsetMinutes: number;
}

/**
 * Starts the disposition clock of an anomaly the case workflow raised, from the recording
 * activity, so an anomaly nobody opens is still reminded past its limit. Idempotent: a
 * running clock is kept, an ended one is not started again.
 */
export async function startDispositionClock(db: Connection, settings: DispositionClockSettings, anomaly: AnomalyRecord): Promise<void> {
  const input: AnomalyStartInput = {
    anomalyId: anomaly.id, caseNo: anomaly.caseNo, itemCode: anomaly.itemCode, department: anomaly.department, kind: anomaly.kind,
    at: anomaly.at, reason: anomaly.reason, actorId: anomaly.actorId ?? null, calendar: await effectiveCalendar(db, settings), limits: settings.limits,
  };
  try {
    await Context.current().client.workflow.start(ANOMALY_WORKFLOW_NAME, {
      workflowId: anomalyWorkflowId(anomaly.id), taskQueue: settings.taskQueue, args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
