/** The anomaly disposition's deterministic rules: who may act when, its limits and its reminders. */
import { limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import type { LadderThreshold } from './ladder';
import type { Audience } from '../records/vocabulary';
import type { RollupCounter } from '../statistics/counters';
import { refuseWith, type OversightActor } from './vocabulary';
import {
  DISPOSITION_OUTCOMES, OBJECTION_DECISIONS, type AnomalyStartInput, type AnomalyStatus, type DecideObjectionArgs, type Disposition,
  type DisposeAnomalyArgs, type Objection, type ObjectionDecision, type ObjectAnomalyArgs,
} from './anomaly';
import { officerOf } from './order-rules';

export interface AnomalyState {
  input: AnomalyStartInput;
  disposition: Disposition | null;
  objection: Objection | null;
  decision: ObjectionDecision | null;
}

export function statusOf(state: AnomalyState): AnomalyStatus {
  if (state.decision) return state.decision.outcome === 'upheld' ? 'withdrawn' : 'confirmed';
  if (state.objection) return 'objected';
  return state.disposition?.outcome ?? 'open';
}

export function dispositionDeadline(input: AnomalyStartInput) {
  return limitDeadline(input.calendar, input.at, input.limits.dispositionDays);
}

/** The end of the department's objection limit to a confirmed finding; null before one. */
export function objectionClosesAt(state: AnomalyState): Instant | null {
  if (state.disposition?.outcome !== 'confirmed') return null;
  return limitDeadline(state.input.calendar, state.disposition.at, state.input.limits.objectionDays).at;
}

/** A confirmed finding stands for good once its objection was rejected, or its limit passed with none. */
export function findingFinal(state: AnomalyState, now: Instant): boolean {
  if (state.disposition?.outcome !== 'confirmed') return false;
  if (state.objection) return state.decision?.outcome === 'rejected';
  return now >= (objectionClosesAt(state) ?? Infinity);
}

/** Nothing is left to do: explained, dismissed, withdrawn, or a finding that stands for good. */
export function settled(state: AnomalyState, now: Instant): boolean {
  const status = statusOf(state);
  return status === 'explained' || status === 'dismissed' || status === 'withdrawn' || findingFinal(state, now);
}

/** What a finding that stands deducts under: the scoring standard names these counters. */
export function findingCounter(kind: string): RollupCounter {
  if (kind === 'fee-mismatch') return 'anomaliesConfirmedFee';
  if (kind === 'risk-documents-missing') return 'anomaliesConfirmedRiskPoint';
  if (kind === 'outside-rights') return 'anomaliesConfirmedOutsideRights';
  return 'anomaliesConfirmedOther';
}

/**
 * Reminders, like alerts: an anomaly still open past its disposition limit reminds the
 * supervision office (yellow), and an objection still undecided past its decision limit too.
 */
export function anomalyThresholds(state: AnomalyState): LadderThreshold[] {
  const office: Audience = { kind: 'supervision-office' };
  const status = statusOf(state);
  if (status === 'open') {
    const due = dispositionDeadline(state.input);
    return [{ key: 'dispositionOverdue', kind: 'anomalyDispositionOverdue', level: 'yellow', at: due.at, provisional: due.provisional,
      audience: [office], reason: `anomaly not disposed within ${state.input.limits.dispositionDays} working days` }];
  }
  if (status === 'objected' && state.objection) {
    const due = limitDeadline(state.input.calendar, state.objection.at, state.input.limits.decisionDays);
    return [{ key: 'decisionOverdue', kind: 'anomalyDecisionOverdue', level: 'yellow', at: due.at, provisional: due.provisional,
      audience: [office], reason: `objection not decided within ${state.input.limits.decisionDays} working days` }];
  }
  return [];
}

function text(value: unknown, field: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) refuseWith('INVALID_ARGUMENT', `${field} must be 1–${max} characters`);
}

function supervisor(actor: OversightActor, what: string): void {
  if (!actor.roles.includes('supervisor')) refuseWith('ROLE_NOT_ALLOWED', `only a supervisor ${what}`);
}

export function checkDispose(state: AnomalyState, args: DisposeAnomalyArgs): void {
  supervisor(args.actor, 'disposes an anomaly');
  if (state.disposition) refuseWith('ALREADY_CONCLUDED', `anomaly ${state.input.anomalyId} is disposed already (${state.disposition.outcome})`);
  if (!(DISPOSITION_OUTCOMES as readonly string[]).includes(args.outcome)) refuseWith('INVALID_ARGUMENT', `outcome must be one of ${DISPOSITION_OUTCOMES.join(', ')}`);
  text(args.text, 'text', 2000);
  const r = args.responsibility;
  if (args.outcome !== 'confirmed') {
    if (r !== undefined) refuseWith('INVALID_ARGUMENT', 'a responsibility finding belongs to a confirmed anomaly only');
    return;
  }
  if (!r || (r.kind !== 'person' && r.kind !== 'department')) refuseWith('INVALID_ARGUMENT', 'a confirmed anomaly needs a responsibility finding: a person or the department');
  if (r.kind === 'person') text(r.userId, 'responsibility.userId', 64);
  if (r.kind === 'department' && r.userId !== undefined) refuseWith('INVALID_ARGUMENT', 'a department finding names no person');
  text(r.measure, 'responsibility.measure', 500);
}

/** The anomaly's department objects to a finding: its supervision officer, once, within the limit. */
export function checkObject(state: AnomalyState, args: ObjectAnomalyArgs, at: Instant): void {
  const { actor } = args;
  if (!actor.roles.includes('department-officer')) refuseWith('ROLE_NOT_ALLOWED', "only the department's supervision officer objects to a finding");
  if (actor.department !== state.input.department) refuseWith('DEPARTMENT_NOT_ALLOWED', `the anomaly belongs to ${state.input.department}`);
  if (state.objection) refuseWith('ALREADY_OBJECTED', 'the department has objected to this finding already; an objection is allowed once');
  if (state.disposition?.outcome !== 'confirmed') refuseWith('NOT_CONFIRMED', 'only a confirmed finding can be objected to');
  if (at >= (objectionClosesAt(state) ?? Infinity)) {
    refuseWith('OBJECTION_CLOSED', `the objection limit of ${state.input.limits.objectionDays} working days after the finding has passed`);
  }
  text(args.grounds, 'grounds', 2000);
}

export function checkDecide(state: AnomalyState, args: DecideObjectionArgs): void {
  supervisor(args.actor, 'decides an objection');
  if (!state.objection) refuseWith('NOT_OBJECTED', 'there is no objection to decide');
  if (state.decision) refuseWith('ALREADY_CONCLUDED', `the objection was decided already (${state.decision.outcome})`);
  if (!(OBJECTION_DECISIONS as readonly string[]).includes(args.outcome)) refuseWith('INVALID_ARGUMENT', `outcome must be one of ${OBJECTION_DECISIONS.join(', ')}`);
  text(args.reason, 'reason', 2000);
}

export { officerOf };
