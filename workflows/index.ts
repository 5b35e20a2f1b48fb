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
