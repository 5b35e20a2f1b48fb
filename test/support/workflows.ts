// The workflow bundle used by tests: the product's workflows plus the smoke-test workflow.
export * from '../../workflows';
export * from '../smoke/smoke-workflow';
export * from './slot-workflow';
