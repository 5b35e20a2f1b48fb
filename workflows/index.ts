// Every workflow the worker runs, re-exported with its signals, updates and queries.
export * from './case/contract';
export { caseWorkflow } from './case/workflow';
export * from './oversight/order-contract';
export { supervisionOrderWorkflow } from './supervision-order';
export * from './oversight/complaint-contract';
export { complaintWorkflow } from './complaint';
export * from './supervision-reminders';
export * from './upward-export';
export * from './evaluation/contract';
export { evaluationWorkflow } from './evaluation/workflow';
