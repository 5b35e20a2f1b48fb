// Every workflow the worker runs, re-exported with its signals, updates and queries.
import { WORKFLOW_STACK_FRAMES } from './shared/stack-depth';

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
 * Sets the stack depth of the workflow context (./shared/stack-depth). This module is
 * evaluated once in the worker's shared workflow context (worker/tuning.ts
 * `PRELOADED_MODULES`), so it sets the limit of that context's `Error`, not the worker's own.
 */
(Error as { stackTraceLimit?: number }).stackTraceLimit = WORKFLOW_STACK_FRAMES;
