import type { SignalDefinition } from '@temporalio/client';
import { CASE_WORKFLOW_NAME } from '../workflows/case/contract';
import type { ApiContext } from './context';

/** Runs Temporal calls under the configured deadline, so an outage answers 503 in time. */
export function withTemporal<R>(ctx: ApiContext, fn: () => Promise<R>): Promise<R> {
  return ctx.temporal.withDeadline(Date.now() + ctx.settings.temporalTimeoutMs, fn);
}

/** Workflow ids of every running case, from Temporal's visibility store. */
export async function runningCaseIds(ctx: ApiContext): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType = '${CASE_WORKFLOW_NAME}' AND ExecutionStatus = 'Running'`;
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
