import { ClockError } from '../../domain/clock/errors';
import type { ExternalCaseEvent } from './contract';
import { prepare } from './actions';
import { fireDueBefore } from './ladder';
import { raiseAnomaly } from './anomalies';
import { LATE_REPORT, uses } from './rules';
import { Refused } from '../shared/refusal';
import type { Command } from './commands';
import { EXTERNAL_IDS_KEPT, emit, type CaseState } from './state';

/** The command an external event stands for; null for events that change nothing (submitted). */
function commandOf(event: ExternalCaseEvent): Command | null {
  const report = {
    ...(event.feeCharged !== undefined && { feeCharged: event.feeCharged }),
    ...(event.documents !== undefined && { documents: event.documents }),
  };
  const reason = event.reason ?? 'reported by the source system';
  switch (event.type) {
    case 'submitted':
      return null;
    case 'accepted':
      return { type: 'accept', report };
    case 'refused':
      return { type: 'refuse', reason };
    case 'supplementNotice':
      return { type: 'supplementNotice', materials: event.materials?.length ? event.materials : ['(not listed by the source)'] };
    case 'supplementReceived':
      return { type: 'supplementReceived' };
    case 'stepCompleted':
      return {
        type: 'completeStep', action: event.action ?? 'complete', report,
        ...(event.nodeId !== undefined && { nodeId: event.nodeId }),
        ...(event.returnTo !== undefined && { returnTo: event.returnTo }),
      };
    case 'specialProcedureStarted':
      return {
        type: 'startSpecialProcedure', kind: event.specialProcedure?.kind ?? 'other', reason,
        ...(event.nodeId !== undefined && { nodeId: event.nodeId }),
        ...(event.specialProcedure?.limitDays !== undefined && { limitDays: event.specialProcedure.limitDays }),
        ...(event.specialProcedure?.key !== undefined && { key: event.specialProcedure.key }),
      };
    case 'specialProcedureEnded':
      return { type: 'endSpecialProcedure', ...(event.specialProcedure?.key !== undefined && { key: event.specialProcedure.key }) };
    case 'suspended':
      return { type: 'suspend', reason };
    case 'resumed':
      return { type: 'resume' };
    case 'terminated':
      return { type: 'terminate', reason };
    case 'concluded':
      return { type: 'conclude', report, ...(event.nodeId !== undefined && { nodeId: event.nodeId }), ...(event.action !== undefined && { action: event.action }) };
  }
}

/**
 * Applies an event from an external approval system (tracked mode) under the same rules
 * as a clerk's action. An event that is out of order or impossible under the definition
 * is not applied: it raises an integrity anomaly instead. Repeated event ids are ignored.
 */
export function applyExternalEvent(state: CaseState, event: ExternalCaseEvent): void {
  const ext = state.external;
  if (ext.seenIds.includes(event.eventId)) return;
  ext.seenIds.push(event.eventId);
  if (ext.seenIds.length > EXTERNAL_IDS_KEPT) ext.seenIds.splice(0, ext.seenIds.length - EXTERNAL_IDS_KEPT);
  const actorId = event.actor?.userId;
  const ref = { ...(event.nodeId !== undefined && { nodeId: event.nodeId }), ...(actorId !== undefined && { actorId }) };
  const at = event.occurredAt;
  const integrity = (why: string) =>
    raiseAnomaly(state, 'integrity', at, `external event ${event.eventId} (${event.type}) not applied: ${why}`, ref);
  if (state.input.mode !== 'tracked') return integrity('the case is not in tracked mode');
  if (!Number.isSafeInteger(at)) return integrity('occurredAt is not an instant');
  const late = event.lateReport;
  if (late && uses(state, LATE_REPORT)) {
    const iso = (t: number) => new Date(t).toISOString();
    raiseAnomaly(state, 'late-report', at,
      `external event ${event.eventId} (${event.type}) occurred at ${iso(late.occurredAt)} by the source, due by ${iso(late.reportDueAt)}, received ${iso(late.receivedAt)}: counted at its receipt`, ref);
  }
  if (event.sequence !== undefined && ext.lastSequence !== null && event.sequence <= ext.lastSequence) {
    return integrity(`sequence ${event.sequence} after ${ext.lastSequence}: out of order`);
  }
  if (ext.lastAt !== null && at < ext.lastAt) return integrity(`occurred before the previous event: out of order`);
  const command = commandOf(event);
  try {
    if (command) {
      fireDueBefore(state, at);
      prepare(state, command, { at, ...(actorId !== undefined && { actorId }) })();
    } else {
      emit(state, 'externalEvent', at, `external ${event.type}`, { ...ref, payload: { eventId: event.eventId, externalType: event.type } });
    }
  } catch (error) {
    if (error instanceof Refused) return integrity(`${error.refusal.code}: ${error.refusal.reason}`);
    if (error instanceof ClockError) return integrity(`${error.code}: ${error.message}`);
    throw error;
  }
  if (event.sequence !== undefined) ext.lastSequence = event.sequence;
  ext.lastAt = at;
}
