import type { Counts } from '../statistics/counters';
import type { CaseFact, DepartmentFacts, DepartmentScore } from './score';

/**
 * One holder's share of a department's lateness (超时责任倒查): the clerk who had claimed the
 * steps (`userId`), the position when nobody had (`userId` null), or the department itself
 * when no step was to blame (both null, e.g. a late conclusion).
 */
export interface PersonFigures {
  position: string | null;
  userId: string | null;
  /** Points the facts they held cost the department (negative), as the score shares them. */
  points: number;
  counts: Counts;
  cases: string[];
}

const keyOf = (fact: CaseFact) => (fact.holder?.userId ? `u:${fact.holder.userId}` : fact.holder ? `p:${fact.holder.position}` : 'd');

/**
 * A department's evaluation by person: each fact counted for its holder, each case's share of
 * lost points for the holder of the fact that lost it. Facts an upheld appeal took out
 * (`excluded`, fact ids or refs) count for nobody; `score` is the score made without them.
 */
export function byPerson(facts: DepartmentFacts, score: Pick<DepartmentScore, 'cases'>, excluded: ReadonlySet<string> = new Set()): PersonFigures[] {
  const rows = new Map<string, PersonFigures & { caseSet: Set<string> }>();
  const rowOf = (fact: CaseFact) => {
    const key = keyOf(fact);
    let row = rows.get(key);
    if (!row) {
      row = { position: fact.holder?.position ?? null, userId: fact.holder?.userId ?? null, points: 0, counts: {}, cases: [], caseSet: new Set() };
      rows.set(key, row);
    }
    return row;
  };
  const byId = new Map<string, CaseFact>();
  for (const fact of facts.facts) {
    if (excluded.has(fact.id) || (fact.ref && excluded.has(fact.ref))) continue;
    byId.set(fact.id, fact);
    const row = rowOf(fact);
    row.counts[fact.counter] = (row.counts[fact.counter] ?? 0) + 1;
    row.caseSet.add(fact.caseNo);
  }
  for (const contribution of score.cases) {
    for (const item of contribution.items) {
      const fact = byId.get(item.factId);
      if (fact) rowOf(fact).points += item.points;
    }
  }
  return [...rows.values()]
    .map(({ caseSet, ...row }) => ({ ...row, points: Math.round(row.points * 100) / 100, cases: [...caseSet].sort() }))
    .sort((a, b) => a.points - b.points || String(a.userId ?? a.position ?? '').localeCompare(String(b.userId ?? b.position ?? '')));
}
