import type { Connection } from 'mongoose';
import { caseFactModel } from '../../db/models/case-fact';
import { caseModel } from '../../db/models/case';
import { caseRollupModel } from '../../db/models/case-rollup';
import { MS_PER_DAY, startOfLocalDate } from '../../domain/calendar/local-date';
import type { CaseFact, DepartmentFacts } from '../../domain/evaluation/score';
import { addInto, type RollupCounter } from '../../domain/statistics/counters';
import type { PeriodRange } from '../../domain/statistics/periods';

/**
 * What every department did in a period: its rollup rows summed (the day rows of the
 * period, read by the day index) and its costly case facts; and, as of `now`, its cases
 * still open past a deadline that fell in the period (`overdueOpen`): a late case that
 * stays open is late where it fell due, not never.
 */
export async function departmentFacts(
  db: Connection, period: Pick<PeriodRange, 'from' | 'to'>, now: Date, utcOffsetMinutes = 480,
): Promise<DepartmentFacts[]> {
  const days = { $gte: period.from, $lte: period.to };
  const byDepartment = new Map<string, DepartmentFacts>();
  const entry = (department: string) => {
    let facts = byDepartment.get(department);
    if (!facts) {
      facts = { department, counts: {}, sums: {}, facts: [] };
      byDepartment.set(department, facts);
    }
    return facts;
  };
  const rows = await caseRollupModel(db).find({ day: days }, { department: 1, counts: 1, sums: 1 }).lean();
  for (const row of rows) {
    const facts = entry(row.department);
    addInto(facts.counts, row.counts as Record<string, number> | undefined);
    addInto(facts.sums, row.sums as Record<string, number> | undefined);
  }
  const caseFacts = await caseFactModel(db).find({ day: days }).sort({ _id: 1 }).lean();
  for (const f of caseFacts) {
    const fact: CaseFact = { id: f._id, caseNo: f.caseNo, counter: f.counter as RollupCounter, ...(f.ref && { ref: f.ref }) };
    entry(f.department).facts.push(fact);
  }
  // A deadline is 00:00 after its last day, so it falls in the period when in (start, end].
  const zone = { utcOffsetMinutes };
  const end = Math.min(startOfLocalDate(zone, period.to) + MS_PER_DAY, now.getTime());
  const open = await caseModel(db).find(
    { status: { $ne: 'concluded' }, deadline: { $gt: new Date(startOfLocalDate(zone, period.from)), $lte: new Date(end) } },
    { _id: 1, department: 1 },
  ).sort({ _id: 1 }).lean();
  for (const c of open) {
    const facts = entry(c.department);
    facts.counts.overdueOpen = (facts.counts.overdueOpen ?? 0) + 1;
    facts.facts.push({ id: `${c._id}:overdueOpen`, caseNo: c._id, counter: 'overdueOpen', ref: `${c._id}:overdueOpen` });
  }
  return [...byDepartment.values()].sort((a, b) => (a.department < b.department ? -1 : 1));
}
