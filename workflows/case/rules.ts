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

/**
 * The rules of a version adopted under one `patched()` id, newest first. The SDK records a
 * marker for each id a run calls, and upserts the `TemporalChangeVersion` search attribute
 * with each (the server then writes the execution's visibility record again), so a case
 * started under one set records one marker and one upsert instead of one of each per rule.
 * A rule added later goes into a new set that lists every rule of its version; the sets
 * before keep their lists, and a case started before any set finds its rules one by one.
 */
export const RULE_SETS: readonly { id: string; rules: readonly CaseRule[] }[] = [
  { id: '2026-12-05-rules', rules: [FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM] },
];

/** Called once, when a new case starts: the rules of this version, recorded in its history. */
export function adoptRules(state: CaseState): void {
  const set = RULE_SETS.find((s) => patched(s.id));
  state.rules = set ? [...set.rules] : RULES.filter((rule) => patched(rule));
}

export function follows(state: CaseState, rule: CaseRule): boolean {
  return state.rules?.includes(rule) ?? false;
}
