import type { Connection } from 'mongoose';
import { localDateOf } from '../domain/calendar/local-date';
import { caseRollupModel, type RollupCounter } from '../db/models/case-rollup';
import type { CaseEventRecord, CaseReadModel } from '../workflows/case/records';

const OUTCOME_COUNTER: Record<string, RollupCounter> = {
  refused: 'refused', approved: 'approved', disapproved: 'disapproved', terminated: 'terminated', voided: 'voided', returned: 'returned',
};
const ALERT_COUNTER: Record<string, RollupCounter> = { warning: 'warnings', yellowCard: 'yellowCards', redCard: 'redCards' };
const TYPE_COUNTER: Record<string, RollupCounter> = {
  submitted: 'submitted', accepted: 'accepted', anomaly: 'anomalies', supplementNotice: 'supplementNotices',
  specialProcedureStarted: 'specialProcedures', suspended: 'suspensions', urge: 'urges',
};

/** The counters an event moves; empty for events statistics do not count. */
export function countersOf(event: CaseEventRecord, readModel: CaseReadModel): RollupCounter[] {
  const counters: RollupCounter[] = [];
  const byType = TYPE_COUNTER[event.type];
  if (byType) counters.push(byType);
  if (event.type === 'supervisionOrder' && event.payload['event'] === 'opened') counters.push('supervisionOrders');
  if (event.type === 'alert') {
    const kind = (event.payload['alert'] as { kind?: string } | undefined)?.kind;
    const counter = kind === undefined ? undefined : ALERT_COUNTER[kind];
    if (counter) counters.push(counter);
  }
  if (event.type === 'concluded') {
    const outcome = String(event.payload['outcome']);
    counters.push('concluded');
    const counter = OUTCOME_COUNTER[outcome];
    if (counter) counters.push(counter);
    if (readModel.acceptedAt !== null && outcome !== 'refused') {
      counters.push(readModel.deadline !== null && event.at <= readModel.deadline ? 'concludedOnTime' : 'concludedLate');
    }
  }
  return counters;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Increments the day/department/item counters of one event exactly once: the filter
 * skips a document that already lists the event id; an upsert racing another writer
 * (duplicate key) retries against the now existing document.
 */
export async function applyRollup(db: Connection, event: CaseEventRecord, readModel: CaseReadModel, utcOffsetMinutes: number): Promise<void> {
  const counters = countersOf(event, readModel);
  if (counters.length === 0) return;
  const day = localDateOf({ utcOffsetMinutes }, event.at);
  const _id = `${day}|${readModel.department}|${readModel.itemCode}`;
  const inc = Object.fromEntries(counters.map((c) => [`counts.${c}`, 1]));
  const Rollup = caseRollupModel(db);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await Rollup.updateOne(
        { _id, applied: { $ne: event.id } },
        { $inc: inc, $push: { applied: event.id }, $setOnInsert: { day, department: readModel.department, itemCode: readModel.itemCode } },
        { upsert: true },
      );
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const counted = await Rollup.exists({ _id, applied: event.id });
      if (counted) return;
    }
  }
  throw new Error(`rollup ${_id} kept conflicting for event ${event.id}`);
}
