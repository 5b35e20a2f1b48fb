import type { Connection } from 'mongoose';
import { isFerretDb } from '../guarded-write';
import { caseEventModel, type CaseEventDoc } from '../models/case-event';

export type CaseEvent = CaseEventDoc & { _id: string };

/** Reads by `_id` in flight at once on FerretDB. */
const IN_FLIGHT = 16;

/**
 * A case's events in order (at most `limit`), as the case page and the public progress read
 * them. On MongoDB the `(caseNo, seq)` index answers. On FerretDB any filter but `_id`
 * equality reads every event of every case, so the events are read by their `_id`s,
 * `<caseNo>:1`, `<caseNo>:2`, …: up to `recorded` (the read model's `seq`: every event up to
 * it is recorded) at once, then on while they are found (events recorded since).
 */
export async function caseEventsOf(db: Connection, caseNo: string, recorded: number, limit: number): Promise<CaseEvent[]> {
  const Event = caseEventModel(db);
  if (!(await isFerretDb(db))) return Event.find({ caseNo }).sort({ seq: 1 }).limit(limit).lean<CaseEvent[]>();
  const events: CaseEvent[] = [];
  // `next` is always events.length + 1 here, so `upTo` is at least `next`.
  for (let next = 1; events.length < limit; ) {
    const upTo = Math.min(limit, Math.max(recorded, next - 1 + IN_FLIGHT / 2));
    for (let from = next; from <= upTo; from += IN_FLIGHT) {
      const seqs = Array.from({ length: Math.min(IN_FLIGHT, upTo - from + 1) }, (_, i) => from + i);
      for (const event of await Promise.all(seqs.map((seq) => Event.findById(`${caseNo}:${seq}`).lean<CaseEvent>()))) {
        if (!event) return events;
        events.push(event);
      }
    }
    next = upTo + 1;
  }
  return events;
}
