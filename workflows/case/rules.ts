import { patched } from '@temporalio/workflow';
import type { CaseState } from './state';

/**
 * The rules a case follows beyond those it was first written with, each a `patched()` id
 * fixed when the case starts: a case started before a rule existed keeps its behaviour to
 * the end, across continue-as-new (the README lists which rules apply from which version).
 */
export const FLOW_LOCK = '2026-12-04-flow-lock';
export const PAUSE_LIMITS = '2026-12-04-pause-limits';
export const CLOSE_THRESHOLDS = '2026-12-04-close-thresholds';
export const CLAIM = '2026-12-05-claim';
const RULES = [FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM] as const;
export type CaseRule = (typeof RULES)[number];

/** Called once, when a new case starts: the rules of this version, recorded in its history. */
export function adoptRules(state: CaseState): void {
  state.rules = RULES.filter((rule) => patched(rule));
}

export function follows(state: CaseState, rule: CaseRule): boolean {
  return state.rules?.includes(rule) ?? false;
}
