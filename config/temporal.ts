/**
 * Temporal names used by the worker, the API, the tests and the local supervisor:
 * defined once here. Pure constants, safe to import from workflow code.
 */

/** Custom search attributes of case workflows, registered when the dev server starts. */
export const CASE_SEARCH_ATTRIBUTES = [
  { name: 'SunlightCaseNo', type: 'Keyword' },
  { name: 'SunlightItemCode', type: 'Keyword' },
  { name: 'SunlightDepartment', type: 'Keyword' },
  { name: 'SunlightStatus', type: 'Keyword' },
  { name: 'SunlightAlertLevel', type: 'Keyword' },
  { name: 'SunlightDeadline', type: 'Datetime' },
] as const;

/** `--search-attribute` arguments for `temporal server start-dev`. */
export function searchAttributeArgs(): string[] {
  return CASE_SEARCH_ATTRIBUTES.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]);
}

export const DEFAULT_TASK_QUEUE = 'sunlight-cases';

/** Workflow id of a case: stable, so a case number maps to exactly one running workflow. */
export function caseWorkflowId(caseNo: string): string {
  return `case-${caseNo}`;
}

/** Workflow id of a supervision order (督办). */
export function supervisionOrderWorkflowId(orderId: string): string {
  return `supervision-order-${orderId}`;
}

/** The one workflow that reminds about, then escalates, unhandled alerts. */
export const SUPERVISION_REMINDERS_WORKFLOW_ID = 'sunlight-supervision-reminders';

/** The one workflow that pushes the supervision feed to the provincial system. */
export const UPWARD_EXPORT_WORKFLOW_ID = 'sunlight-upward-export';

/** Workflow id of a complaint (投诉). */
export function complaintWorkflowId(complaintNo: string): string {
  return `complaint-${complaintNo}`;
}

/** Workflow id of a consultation (咨询). */
export function consultationWorkflowId(consultationNo: string): string {
  return `consultation-${consultationNo}`;
}

/** Workflow id of a case's rating and its follow-up (好差评): one per case, so a case is rated once. */
export function followUpWorkflowId(caseNo: string): string {
  return `follow-up-${caseNo}`;
}

/** Registered name of the anomaly disposition workflow (workflows/anomaly). */
export const ANOMALY_WORKFLOW_NAME = 'anomalyWorkflow';

/** The disposition workflow of an anomaly. */
export function anomalyWorkflowId(anomalyId: string): string {
  return `anomaly-${anomalyId}`;
}
