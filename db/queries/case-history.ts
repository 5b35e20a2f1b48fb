import type { Connection, Model } from 'mongoose';
import { isFerretDb } from '../guarded-write';
import { caseEventModel, type CaseEventDoc } from '../models/case-event';
import { oversightEventModel, type OversightEventDoc } from '../models/oversight-event';

export type CaseEvent = CaseEventDoc & { _id: string };
export type OversightEvent = OversightEventDoc & { _id: string };
type OversightSubject = OversightEventDoc['subject'];

/** Reads by `_id` in flight at once on FerretDB. */
const IN_FLIGHT = 16;

/**
 * One subject's events in order (at most `limit`), as its page reads them. Events are
 * appended under `<subjectId>:<seq>` (workflows/shared/journal.ts for orders, complaints and
 * the like; the case recorder for cases). On MongoDB the `(…, seq)` index answers `filter`.
 * On FerretDB any filter but `_id` equality reads every event of every subject, so the
 * events are read by their `_id`s, `<subjectId>:1`, `<subjectId>:2`, …: up to `recorded` (a
 * read model's `seq`: every event up to it is recorded; 0 when unknown) at once, then on while
 * they are found and match `filter`.
 */
async function eventsInOrder<D, T extends { seq: number }>(
  model: Model<D>, filter: Record<string, string>, subjectId: string, recorded: number, limit: number,
): Promise<T[]> {
  if (!(await isFerretDb(model.db))) return model.find(filter as never).sort({ seq: 1 }).limit(limit).lean<T[]>();
  const matches = (doc: T | null): doc is T => doc !== null && Object.entries(filter).every(([k, v]) => (doc as Record<string, unknown>)[k] === v);
  const events: T[] = [];
  // `next` is always events.length + 1 here, so `upTo` is at least `next`.
  for (let next = 1; events.length < limit; ) {
    const upTo = Math.min(limit, Math.max(recorded, next - 1 + IN_FLIGHT / 2));
    for (let from = next; from <= upTo; from += IN_FLIGHT) {
      const seqs = Array.from({ length: Math.min(IN_FLIGHT, upTo - from + 1) }, (_, i) => from + i);
      for (const event of await Promise.all(seqs.map((seq) => model.findById(`${subjectId}:${seq}`).lean<T>()))) {
        if (!matches(event)) return events;
        events.push(event);
      }
    }
    next = upTo + 1;
  }
  return events;
}

/** A case's events in order, as the case page, the public progress and an appeal's evidence read them. */
export function caseEventsOf(db: Connection, caseNo: string, recorded: number, limit: number): Promise<CaseEvent[]> {
  return eventsInOrder<CaseEventDoc, CaseEvent>(caseEventModel(db), { caseNo }, caseNo, recorded, limit);
}

/** A supervision order's, complaint's, consultation's, follow-up's or anomaly's events in order. */
export function oversightEventsOf(db: Connection, subject: OversightSubject, subjectId: string, limit: number): Promise<OversightEvent[]> {
  return eventsInOrder<OversightEventDoc, OversightEvent>(oversightEventModel(db), { subject, subjectId }, subjectId, 0, limit);
}
