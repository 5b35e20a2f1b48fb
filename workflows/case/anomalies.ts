import type { Instant } from '../../domain/calendar/local-date';
import type { AnomalyKind } from './contract';
import type { AnomalyRecord } from '../../activities/contract/case-records';
import { emit, type CaseState } from './state';

/** Flags an anomaly for supervisors: kept in the state and recorded as an `anomaly` event. */
export function raiseAnomaly(
  state: CaseState,
  kind: AnomalyKind,
  at: Instant,
  reason: string,
  ref: { nodeId?: string; actorId?: string } = {},
): void {
  const { caseNo, definition } = state.input;
  const id = `${caseNo}:anomaly:${state.anomalies.length + 1}`;
  state.anomalies.push({ id, kind, at, reason, ...ref });
  const record: AnomalyRecord = {
    id, caseNo, itemCode: definition.item.code, department: definition.item.department, kind, at, reason, ...ref,
  };
  emit(state, 'anomaly', at, `anomaly ${kind}: ${reason}`, { ...ref, payload: { anomaly: record } });
}
