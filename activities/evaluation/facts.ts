import type { Connection } from 'mongoose';
import { appealModel } from '../../db/models/appeal';
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
 *
 * A fact an upheld appeal took back (申诉) counts nowhere: it and the rollup row that undid its
 * counters (`withdrawn:<fact id>`) are left out together, and a case whose appeal was upheld
 * is not counted open past its deadline again. The appeals of the evaluation being written
 * (`evaluationId`) are the exception: it reads their facts as they were and applies the
 * appeals again as its adjustments.
 */
export async function departmentFacts(
  db: Connection, period: Pick<PeriodRange, 'from' | 'to'>, now: Date, utcOffsetMinutes = 480, evaluationId?: string,
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
  const caseFacts = await caseFactModel(db).find({ day: days }).sort({ _id: 1 }).lean();
  const ownWithdrawals = new Set(caseFacts.filter((f) => evaluationId !== undefined && f.withdrawn?.evaluationId === evaluationId).map((f) => `withdrawn:${f._id}`));
  const rows = await caseRollupModel(db).find({ day: days }, { department: 1, counts: 1, sums: 1 }).lean();
  for (const row of rows) {
    if (ownWithdrawals.has(row._id)) continue;
    const facts = entry(row.department);
    addInto(facts.counts, row.counts as Record<string, number> | undefined);
    addInto(facts.sums, row.sums as Record<string, number> | undefined);
  }
  for (const f of caseFacts) {
    if (f.withdrawn && f.withdrawn.evaluationId !== evaluationId) continue;
    const holder = f.holder?.department && f.holder.position
      ? { department: f.holder.department, position: f.holder.position, ...(f.holder.userId && { userId: f.holder.userId }) }
      : undefined;
    const fact: CaseFact = { id: f._id, caseNo: f.caseNo, counter: f.counter as RollupCounter, ...(f.ref && { ref: f.ref }), ...(holder && { holder }) };
    entry(f.department).facts.push(fact);
  }
  const upheldElsewhere = new Set((await appealModel(db).find({ status: 'upheld' }, { caseNo: 1, evaluationId: 1 }).lean())
    .filter((a) => a.evaluationId !== evaluationId).map((a) => a.caseNo));
  // A deadline is 00:00 after its last day, so it falls in the period when in (start, end].
  const zone = { utcOffsetMinutes };
  const end = Math.min(startOfLocalDate(zone, period.to) + MS_PER_DAY, now.getTime());
  const open = await caseModel(db).find(
    { status: { $ne: 'concluded' }, deadline: { $gt: new Date(startOfLocalDate(zone, period.from)), $lte: new Date(end) } },
    { _id: 1, department: 1 },
  ).sort({ _id: 1 }).lean();
  for (const c of open) {
    if (upheldElsewhere.has(c._id)) continue;
    const facts = entry(c.department);
    facts.counts.overdueOpen = (facts.counts.overdueOpen ?? 0) + 1;
    facts.facts.push({ id: `${c._id}:overdueOpen`, caseNo: c._id, counter: 'overdueOpen', ref: `${c._id}:overdueOpen` });
  }
  return [...byDepartment.values()].sort((a, b) => (a.department < b.department ? -1 : 1));
}
