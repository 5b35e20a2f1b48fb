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
/**
 * The case's first workflow task upserts no search attribute that the case was started with
 * already (./search-attributes `startedWith`): the server would write the visibility record
 * again for nothing. Only in sets, never asked by itself.
 */
export const ATTRIBUTES_AT_START = '2026-12-06-attributes-at-start';
/**
 * The case's main loop drives its outbox while it runs (../shared/outbox `'driven'`), so an
 * idle case keeps no wait of the outbox's pending. Only in sets, never asked by itself: a run
 * takes it when it starts its outbox, from its set, and every set that lists it lists
 * `TIMER_KEPT` (the loop's wait has no timeout of its own to restart when the outbox wakes it).
 */
export const OUTBOX_IN_MAIN_LOOP = '2026-12-07-outbox-in-main-loop';

// Changes of the workflow code, which a running case takes at its next live workflow task (the
// `patched()` id is asked where the code differs), unlike the rules above, fixed at its start.

/** An urge signalled again under its id is the same urge (./handlers). */
export const URGE_ONCE = '2026-11-22-urge-once';
/** An event a tracked system reports late raises a `late-report` anomaly (./tracked). */
export const LATE_REPORT = '2026-12-04-late-report';
/** Every threshold due by an action's instant is raised before the action applies (./ladder `fireDueBefore`). */
export const RAISE_BEFORE_ACTION = '2026-12-05-raise-before-action';
/** The threshold's timer is kept while the next threshold stays where it was (./workflow). */
export const TIMER_KEPT = '2026-12-06-timer-kept';
/** A timer's alerts are recorded by a local activity (../shared/proxies `timerRecorder`). */
export const TIMER_RECORDING_LOCAL = '2026-12-06-timer-recording-local';
/** The outbox waits in one coroutine, not two (../shared/outbox `OutboxWaiting`); asked when a run starts its outbox. */
export const ONE_OUTBOX_WAITER = '2026-12-07-one-outbox-waiter';

export type CaseRule = (typeof RULES)[number] | typeof ATTRIBUTES_AT_START | typeof OUTBOX_IN_MAIN_LOOP;
export type CodeChange =
  | typeof URGE_ONCE | typeof LATE_REPORT | typeof RAISE_BEFORE_ACTION | typeof TIMER_KEPT | typeof TIMER_RECORDING_LOCAL | typeof ONE_OUTBOX_WAITER;

/**
 * The rules of a version adopted together, newest first: named in the case's input by the
 * caller that starts it (`CaseStartInput.ruleSet`), with no marker; else (a case started
 * before that, or by a caller that names none) under one `patched()` id. The SDK records a
 * marker for each id a run calls, and upserts the `TemporalChangeVersion` search attribute
 * with each (the server then writes the execution's visibility record again), so a case
 * started under one set records one marker and one upsert instead of one of each per rule.
 * A set may also list code changes: a case started under it has them from its start and
 * never asks their ids, so no later workflow task of it (a midnight's timer, an action)
 * writes a marker and an upsert for them either. A rule or change added later goes into a
 * new set that lists every rule and change of its version; the sets before keep their
 * lists, and a case started before any set finds its rules one by one.
 */
export const RULE_SETS: readonly { id: string; rules: readonly (CaseRule | CodeChange)[] }[] = [
  {
    id: '2026-12-07-rules-loop',
    rules: [
      FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM, ATTRIBUTES_AT_START,
      URGE_ONCE, LATE_REPORT, RAISE_BEFORE_ACTION, TIMER_KEPT, TIMER_RECORDING_LOCAL, ONE_OUTBOX_WAITER, OUTBOX_IN_MAIN_LOOP,
    ],
  },
  {
    id: '2026-12-07-rules',
    rules: [
      FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM, ATTRIBUTES_AT_START,
      URGE_ONCE, LATE_REPORT, RAISE_BEFORE_ACTION, TIMER_KEPT, TIMER_RECORDING_LOCAL, ONE_OUTBOX_WAITER,
    ],
  },
  {
    id: '2026-12-06-rules-given',
    rules: [
      FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM, ATTRIBUTES_AT_START,
      URGE_ONCE, LATE_REPORT, RAISE_BEFORE_ACTION, TIMER_KEPT, TIMER_RECORDING_LOCAL,
    ],
  },
  {
    id: '2026-12-06-rules',
    rules: [FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM, URGE_ONCE, LATE_REPORT, RAISE_BEFORE_ACTION, TIMER_KEPT, TIMER_RECORDING_LOCAL],
  },
  { id: '2026-12-05-rules', rules: [FLOW_LOCK, PAUSE_LIMITS, CLOSE_THRESHOLDS, CLAIM] },
];

/** The set a caller gives the cases it starts (`CaseStartInput.ruleSet`): the newest. */
export const CURRENT_RULE_SET: string = RULE_SETS[0]?.id ?? '';

/**
 * Called once, when a new case starts: the rules of the set its input names, else (a case
 * started before the set could be given) those of this version, recorded in its history by
 * a marker.
 */
export function adoptRules(state: CaseState): void {
  const given = state.input.ruleSet;
  if (given !== undefined) {
    const named = RULE_SETS.find((s) => s.id === given);
    // Not a refusal: an error fails the workflow task, and a newer worker takes it again.
    if (!named) throw new Error(`case ${state.input.caseNo} names the set of rules ${given}, which this worker does not know: it is older than the caller`);
    state.rules = [...named.rules];
    return;
  }
  const set = RULE_SETS.find((s) => patched(s.id));
  state.rules = set ? [...set.rules] : RULES.filter((rule) => patched(rule));
}

export function follows(state: CaseState, rule: CaseRule): boolean {
  return state.rules?.includes(rule) ?? false;
}

/**
 * Whether the case takes a code change: from its start when its set lists the change, else
 * from the first live workflow task that asks (`patched`, as the history recorded it).
 */
export function uses(state: CaseState, change: CodeChange): boolean {
  return (state.rules?.includes(change) ?? false) || patched(change);
}
