import { anomalyModel } from '../../db/models/anomaly';
import { findingCounter } from '../../domain/oversight/anomaly-rules';
import type { OversightEventRecord } from '../contract/oversight-records';
import { rollUpOversight } from '../oversight-facts';
import { recordEvents, writeWhole, type OversightRecordDeps } from './record';
import type { AnomalyDispositionRecord } from './records';

const date = (at: number | null) => (at === null ? null : new Date(at));

/**
 * Records a disposition's events (alerts and inbox notices with them) and the anomaly's
 * disposition fields; a finding that stands for good is counted once against the department,
 * under the counter the scoring standard deducts for its kind.
 */
export async function recordAnomalyDisposition(deps: OversightRecordDeps, batch: { events: OversightEventRecord[]; anomaly: AnomalyDispositionRecord }) {
  const { db } = deps;
  const a = batch.anomaly;
  await recordEvents(db, batch.events, a.caseNo, a.department);
  await writeWhole(anomalyModel(db), a.anomalyId, a.seq, {
    caseNo: a.caseNo, itemCode: a.itemCode, department: a.department, kind: a.kind, at: new Date(a.at), reason: a.reason, actorId: a.actorId,
    status: a.status, handled: a.status !== 'open', disposition: a.disposition, objection: a.objection, decision: a.decision,
    dispositionDeadline: new Date(a.dispositionDeadline), objectionClosesAt: date(a.objectionClosesAt), findingFinal: a.findingFinal, level: a.level,
  });
  const final = batch.events.find((e) => e.type === 'findingFinal');
  if (final) {
    await rollUpOversight(db, [{ id: `${a.anomalyId}:finding`, at: final.at, department: a.department, itemCode: a.itemCode, counters: [findingCounter(a.kind)] }]);
  }
  deps.afterWrite?.('recordAnomalyDisposition');
}
