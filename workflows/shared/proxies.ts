import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * The activity proxies of the case, supervision-order and complaint workflows. Recording
 * retries until MongoDB answers again: the read model may lag, the workflow does not wait.
 */
const RECORDING = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;
export const recorder = proxyActivities<Activities>(RECORDING);

/** Notification channels get bounded retries; a failure is recorded, never thrown into the workflow. */
export const notifier = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 4 },
});

/**
 * The recording of a timer's alerts, as a local activity: run by the worker within the workflow
 * task the timer woke, its result written into that task's completion (a marker), so an alert
 * costs one workflow task and no activity task, where an activity costs a second workflow task
 * and an activity task through the server. Nobody waits on a timer's task, and at midnight a
 * city's thresholds fall together: a burst of 1,000 cases was recorded in 26–31 s instead of
 * 38–47, and its CPU fell from about 71 s to 46–55 (README "Performance"). A person's action
 * is recorded by `recorder`: the update answers with the task that scheduled its recording,
 * not after it. Same retries as `recorder`; the
 * writes are idempotent either way.
 */
export const timerRecorder = proxyLocalActivities<Activities>(RECORDING);
