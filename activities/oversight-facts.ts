import type { Connection } from 'mongoose';
import type { ComplaintRecord, SupervisionOrderRecord } from './oversight/records';
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

/**
 * The department facts of a supervision order: opened, answered, and answered by its
 * response deadline (known when the order is concluded). Counted from the order itself, so
 * an order on a case that has already ended counts too.
 */
export function orderFacts(o: SupervisionOrderRecord): DepartmentFact[] {
  const base = { department: o.department, itemCode: o.itemCode };
  const facts: DepartmentFact[] = [{ ...base, id: `${o.orderId}:opened`, at: o.openedAt, counters: ['supervisionOrders'] }];
  if (o.answer) facts.push({ ...base, id: `${o.orderId}:answered`, at: o.answer.at, counters: ['supervisionOrdersAnswered'] });
  if (o.conclusion?.responsiveness === 'on-time') {
    facts.push({ ...base, id: `${o.orderId}:answered-in-time`, at: o.conclusion.at, counters: ['supervisionOrdersAnsweredInTime'] });
  }
  return facts;
}

/** Adds a complaint's or an order's facts to the rollups (each once). */
export async function rollUpOversight(db: Connection, facts: DepartmentFact[], utcOffsetMinutes = 480): Promise<void> {
  for (const fact of facts) await recordDepartmentFact(db, fact, utcOffsetMinutes);
}
