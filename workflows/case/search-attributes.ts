import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { AlertLevel, Schedule } from '../../domain/ladder/types';
import { CASE_SEARCH_ATTRIBUTES } from '../../config/temporal';
import { statusOf } from './commands';
import type { CaseState } from './state';

const [caseNoName, itemName, departmentName, statusName, alertName, deadlineName] = CASE_SEARCH_ATTRIBUTES.map((a) => a.name);
const keys = {
  caseNo: defineSearchAttributeKey(caseNoName ?? 'SunlightCaseNo', SearchAttributeType.KEYWORD),
  item: defineSearchAttributeKey(itemName ?? 'SunlightItemCode', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey(departmentName ?? 'SunlightDepartment', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey(statusName ?? 'SunlightStatus', SearchAttributeType.KEYWORD),
  alertLevel: defineSearchAttributeKey(alertName ?? 'SunlightAlertLevel', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey(deadlineName ?? 'SunlightDeadline', SearchAttributeType.DATETIME),
};

/** The case's search attributes (config/temporal.ts) and a signature to upsert only on change. */
export function caseAttributes(state: CaseState, schedule: Schedule, alertLevel: AlertLevel): { pairs: SearchAttributeUpdatePair[]; signature: string } {
  const { caseNo, definition } = state.input;
  const status = statusOf(state);
  const deadline = schedule.deadline;
  const pairs: SearchAttributeUpdatePair[] = [
    { key: keys.caseNo, value: caseNo },
    { key: keys.item, value: definition.item.code },
    { key: keys.department, value: definition.item.department },
    { key: keys.status, value: status },
    { key: keys.alertLevel, value: alertLevel },
    { key: keys.deadline, value: deadline === null ? null : new Date(deadline) },
  ];
  return { pairs, signature: `${status}|${alertLevel}|${deadline ?? ''}` };
}
