import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';
import type { ProcessDefinition } from '../../domain/definition/types';
import type { AlertLevel, Schedule } from '../../domain/ladder/types';
import type { CaseStatus } from '../../domain/records/case-view';
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

/** The six attributes of a case's number, item, state and deadline (null: none). */
function pairsOf(caseNo: string, definition: ProcessDefinition, status: CaseStatus, alertLevel: AlertLevel, deadline: number | null): SearchAttributeUpdatePair[] {
  return [
    { key: keys.caseNo, value: caseNo },
    { key: keys.item, value: definition.item.code },
    { key: keys.department, value: definition.item.department },
    { key: keys.status, value: status },
    { key: keys.alertLevel, value: alertLevel },
    { key: keys.deadline, value: deadline === null ? null : new Date(deadline) },
  ];
}

/** The case's search attributes (config/temporal.ts) and a signature to upsert only on change. */
export function caseAttributes(state: CaseState, schedule: Schedule, alertLevel: AlertLevel): { pairs: SearchAttributeUpdatePair[]; signature: string } {
  const status = statusOf(state);
  const deadline = schedule.deadline;
  return { pairs: pairsOf(state.input.caseNo, state.input.definition, status, alertLevel, deadline), signature: `${status}|${alertLevel}|${deadline ?? ''}` };
}

/**
 * The attributes a caller starts a case with (the API, with `CaseStartInput.ruleSet`): those
 * its first workflow task finds for a case that waits for its acceptance, which a case that
 * started under `ATTRIBUTES_AT_START` (./rules) then does not upsert again. A case accepted at
 * its start, or moved by a first event, upserts its own over them, as any change.
 */
export function attributesAtStart(caseNo: string, definition: ProcessDefinition): SearchAttributePair[] {
  // No deadline yet: the start leaves it out, as an upsert of null does.
  return pairsOf(caseNo, definition, 'submitted', 'normal', null).filter((pair: SearchAttributeUpdatePair): pair is SearchAttributePair => pair.value !== null);
}

const instant = (value: unknown) => (value instanceof Date ? value.getTime() : value ?? null);

/** Whether the run started with every one of these attributes as they are (a null value: absent). */
export function startedWith(pairs: SearchAttributeUpdatePair[]): boolean {
  const held = workflowInfo().typedSearchAttributes;
  return pairs.every(({ key, value }) => instant(held.get(key)) === instant(value));
}
