// Every workflow the worker runs, re-exported with its signals, updates and queries.
export * from './case/contract';
export { caseWorkflow } from './case/workflow';
