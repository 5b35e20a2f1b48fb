// Every workflow the worker runs, re-exported with its signals, updates and queries.
export * from './case/contract';
export { caseWorkflow } from './case/workflow';
export * from './supervision-order/contract';
export { supervisionOrderWorkflow } from './supervision-order/workflow';
export * from './complaint/contract';
export { complaintWorkflow } from './complaint/workflow';
export * from './background/supervision-reminders';
export * from './background/upward-export';
export * from './evaluation/contract';
export { evaluationWorkflow } from './evaluation/workflow';
export * from './consultation/contract';
export { consultationWorkflow } from './consultation/workflow';
export * from './follow-up/contract';
export { followUpWorkflow } from './follow-up/workflow';
export * from './anomaly/contract';
export { anomalyWorkflow } from './anomaly/workflow';

/**
 * Stack traces inside workflows keep their 6 innermost frames (V8's default is 10). The SDK
 * records the stack of every promise a workflow creates, and keeps it while the promise is
 * pending (for the `__stack_trace` query): a cached case holds a few dozen, so their depth was
 * a large share of its memory and of each workflow task's time (README "Performance"). Of the
 * 6, the SDK's promise hook takes 2; the 4 left still name the workflow's own line that waits.
 * This module is evaluated once in the worker's shared workflow context (worker/tuning.ts
 * `PRELOADED_MODULES`), so it sets the limit of that context's `Error`, not the worker's own.
 */
export const WORKFLOW_STACK_FRAMES = 6;
(Error as { stackTraceLimit?: number }).stackTraceLimit = WORKFLOW_STACK_FRAMES;
