import type { Connection } from 'mongoose';
import type { ComplaintRecord, SupervisionOrderRecord } from './oversight/record';
import { recordDepartmentFact, type DepartmentFact } from './rollups';

/**
 * The department facts a complaint has produced so far: registered, answered within the
 * first-response limit, concluded (in time, upheld), rated. Ids are fixed per complaint and
 * step, so recording the complaint again adds nothing twice. A complaint counts against the
 * department it was transferred to; before that it counts against nobody.
 */
export function complaintFacts(c: ComplaintRecord): DepartmentFact[] {
  if (c.department === null) return [];
  const base = { department: c.department, ...(c.about.itemCode && { itemCode: c.about.itemCode }) };
  const facts: DepartmentFact[] = [{ ...base, id: `${c.complaintNo}:registered`, at: c.filedAt, counters: ['complaints'] }];
  if (c.firstResponseAt !== null && c.firstResponseOnTime) {
    facts.push({ ...base, id: `${c.complaintNo}:responded-in-time`, at: c.firstResponseAt, counters: ['complaintsRespondedInTime'] });
  }
  const conclusion = c.conclusion;
  if (conclusion) {
    facts.push({
      ...base, id: `${c.complaintNo}:concluded`, at: conclusion.at,
      counters: [
        'complaintsConcluded',
        ...(conclusion.onTime ? (['complaintsConcludedInTime'] as const) : []),
        ...(conclusion.finding === 'unsubstantiated' ? [] : (['complaintsUpheld'] as const)),
      ],
    });
  }
  if (c.rating) {
    facts.push({ ...base, id: `${c.complaintNo}:rated`, at: c.rating.at, counters: ['ratings'], sums: { satisfaction: c.rating.score } });
  }
  return facts;
}

/** An order answered by its response deadline counts for the department when the order is concluded. */
export function orderFacts(o: SupervisionOrderRecord): DepartmentFact[] {
  if (!o.conclusion || o.conclusion.responsiveness !== 'on-time') return [];
  return [{ id: `${o.orderId}:answered-in-time`, at: o.conclusion.at, department: o.department, itemCode: o.itemCode, counters: ['supervisionOrdersAnsweredInTime'] }];
}

/** Adds a complaint's or an order's facts to the rollups (each once). */
export async function rollUpOversight(db: Connection, facts: DepartmentFact[], utcOffsetMinutes = 480): Promise<void> {
  for (const fact of facts) await recordDepartmentFact(db, fact, utcOffsetMinutes);
}
