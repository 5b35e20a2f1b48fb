import type { Connection } from 'mongoose';
import { caseFactModel } from '../../db/models/case-fact';
import { caseRollupModel } from '../../db/models/case-rollup';
import type { CaseFact, DepartmentFacts } from '../../domain/evaluation/score';
import { addInto, type RollupCounter } from '../../domain/statistics/counters';
import type { PeriodRange } from '../../domain/statistics/periods';

/**
 * What every department did in a period: its rollup rows summed (the day rows of the
 * period, read by the day index — never the cases) and its costly case facts.
 */
export async function departmentFacts(db: Connection, period: Pick<PeriodRange, 'from' | 'to'>): Promise<DepartmentFacts[]> {
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
  return [...byDepartment.values()].sort((a, b) => (a.department < b.department ? -1 : 1));
}
