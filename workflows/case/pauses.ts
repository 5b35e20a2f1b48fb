import type { Instant } from '../../domain/calendar/local-date';
import { PAUSE_REASON_CODES, pauseLimitsOf, type LimitedPause, type LimitedPauseKind } from '../../domain/ladder/pause-limits';
import { raiseAnomaly } from './anomalies';
import { refuse } from './commands';
import { PAUSE_LIMITS, follows } from './rules';
import type { CaseState } from './state';

/** The reason code a pause gives: one of the fixed list, `other` when none is given. */
export function checkReasonCode(family: keyof typeof PAUSE_REASON_CODES, code: string | undefined): string {
  const codes: readonly string[] = PAUSE_REASON_CODES[family];
  if (code === undefined) return 'other';
  if (!codes.includes(code)) refuse('INVALID_ARGUMENT', `reasonCode must be one of ${codes.join(', ')}`);
  return code;
}

/** 补正 after acceptance is allowed `supplementsAfterAcceptance` times (default once). */
export function checkSupplementAllowed(state: CaseState): void {
  if (!follows(state, PAUSE_LIMITS) || state.acceptedAt === null) return;
  const allowed = pauseLimitsOf(state.input.definition.item).supplementsAfterAcceptance;
  const used = (state.pauses ?? []).filter((p) => p.kind === 'supplement').length;
  if (used >= allowed) refuse('SUPPLEMENT_LIMIT_REACHED', `a supplement notice after acceptance is allowed ${allowed} time(s); ${used} already issued`);
}

/** A pause starts under its limit; a second suspension of the case is flagged for the supervision office. */
export function openPause(state: CaseState, kind: LimitedPauseKind, at: Instant, reasonCode: string, reason: string, actorId?: string): void {
  if (!follows(state, PAUSE_LIMITS)) return;
  const pauses = (state.pauses ??= []);
  const n = pauses.filter((p) => p.kind === kind).length + 1;
  pauses.push({ key: `${kind}#${n}`, kind, from: at, reasonCode, reason });
  if (kind === 'suspension' && n > 1) {
    raiseAnomaly(state, 'second-suspension', at, `suspension #${n} of the case (${reasonCode}: ${reason})`, actorId === undefined ? {} : { actorId });
  }
}

/** The open pauses of these kinds end: their thresholds close with them. */
export function closePauses(state: CaseState, kinds: readonly LimitedPauseKind[], at: Instant): void {
  for (const pause of state.pauses ?? []) if (pause.to === undefined && kinds.includes(pause.kind)) pause.to = at;
}

export type { LimitedPause };
