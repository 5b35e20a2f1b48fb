import { causeEnded } from '../../domain/ladder/closing';
import { CLOSE_THRESHOLDS, follows } from './rules';
import { emit, type CaseState } from './state';

/**
 * Closes the raised alerts whose cause has ended (domain/ladder/closing), once each, in one
 * `thresholdsClosed` event: the recorder marks them closed and reminders skip them.
 */
export function closeEnded(state: CaseState, at: number): void {
  if (!follows(state, CLOSE_THRESHOLDS)) return;
  const closed = (state.closedAlerts ??= []);
  const open = {
    concluded: state.concluded !== null,
    steps: new Set(state.tokens.map((t) => t.stepKey)),
    pauses: new Set((state.pauses ?? []).filter((p) => p.to === undefined).map((p) => p.key)),
    specialProcedures: new Set(state.specialProcedures.filter((sp) => sp.endedAt === undefined).map((sp) => sp.key)),
    supplementNoticeResolved: state.supplementNoticeResolvedAt !== null,
  };
  const ended = state.alerts.filter((a) => !closed.includes(a.key) && causeEnded(a.key, open));
  if (ended.length === 0) return;
  closed.push(...ended.map((a) => a.key));
  emit(state, 'thresholdsClosed', at, `closed, their cause has ended: ${ended.map((a) => a.key).join(', ')}`, {
    payload: { alertIds: ended.map((a) => a.id), keys: ended.map((a) => a.key) },
  });
}
