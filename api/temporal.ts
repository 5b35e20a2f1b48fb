import type { SignalDefinition } from '@temporalio/client';
import { ANOMALY_WORKFLOW_NAME } from '../workflows/anomaly/contract';
import { CASE_WORKFLOW_NAME } from '../workflows/case/contract';
import { COMPLAINT_WORKFLOW_NAME } from '../workflows/complaint/contract';
import { CONSULTATION_WORKFLOW_NAME } from '../workflows/consultation/contract';
import { FOLLOW_UP_WORKFLOW_NAME } from '../workflows/follow-up/contract';
import { SUPERVISION_ORDER_WORKFLOW_NAME } from '../workflows/supervision-order/contract';
import type { ApiContext } from './context';

/** Runs Temporal calls under the configured deadline, so an outage answers 503 in time. */
export function withTemporal<R>(ctx: ApiContext, fn: () => Promise<R>): Promise<R> {
  return ctx.temporal.withDeadline(Date.now() + ctx.settings.temporalTimeoutMs, fn);
}

/** Workflows that keep deadlines on the work calendar and take its `calendarChanged` signal. */
const CALENDAR_WORKFLOWS = [
  CASE_WORKFLOW_NAME, SUPERVISION_ORDER_WORKFLOW_NAME, COMPLAINT_WORKFLOW_NAME, ANOMALY_WORKFLOW_NAME, CONSULTATION_WORKFLOW_NAME, FOLLOW_UP_WORKFLOW_NAME,
];

/** Workflow ids of every running case, supervision order, complaint, anomaly, consultation and follow-up, from Temporal's visibility store. */
export async function runningCalendarWorkflowIds(ctx: ApiContext): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType IN (${CALENDAR_WORKFLOWS.map((name) => `'${name}'`).join(', ')}) AND ExecutionStatus = 'Running'`;
  await withTemporal(ctx, async () => {
    for await (const execution of ctx.temporal.workflow.list({ query })) ids.push(execution.workflowId);
  });
  return ids;
}

/** Sends one signal to many workflows, a few at a time; answers how many were reached. */
export async function signalAll<A extends unknown[]>(
  ctx: ApiContext,
  workflowIds: string[],
  signal: SignalDefinition<A>,
  ...args: A
): Promise<{ signalled: number; failed: number }> {
  let signalled = 0;
  let failed = 0;
  const queue = [...workflowIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(id).signal(signal, ...args));
        signalled++;
      } catch (err) {
        failed++;
        ctx.logger.warn({ err, workflowId: id, signal: signal.name }, 'signal not delivered');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  return { signalled, failed };
}
