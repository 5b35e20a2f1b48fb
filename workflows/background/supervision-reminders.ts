/**
 * Reminders on unhandled alerts (监察日志 §5): a long-running workflow whose timer wakes it
 * every `intervalMs` to run one activity that finds alerts unhandled past the configured
 * times (plain indexed queries) and reminds, then escalates, through the inbox, e-mail and
 * webhook channels. A timer loop rather than a Schedule: one workflow id to start with the
 * worker, nothing to reconcile when the interval changes, and time-skipping tests drive it.
 */
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { SupervisionActivities } from '../../activities/supervision';

export const SUPERVISION_REMINDERS_WORKFLOW_NAME = 'supervisionRemindersWorkflow';

export interface SupervisionRemindersInput {
  intervalMs: number;
  /** Runs before continuing as new; default 500. */
  runsPerWorkflow?: number;
}

const { remindUnhandledAlerts } = proxyActivities<SupervisionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function supervisionRemindersWorkflow(input: SupervisionRemindersInput): Promise<never> {
  const runs = input.runsPerWorkflow ?? 500;
  for (let run = 0; run < runs && !workflowInfo().continueAsNewSuggested; run++) {
    await remindUnhandledAlerts({ now: Date.now() });
    await sleep(input.intervalMs);
  }
  return continueAsNew<typeof supervisionRemindersWorkflow>(input);
}
