import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * The activity proxies of the case, supervision-order and complaint workflows. Recording
 * retries until MongoDB answers again: the read model may lag, the workflow does not wait.
 */
export const recorder = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Notification channels get bounded retries; a failure is recorded, never thrown into the workflow. */
export const notifier = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 4 },
});
