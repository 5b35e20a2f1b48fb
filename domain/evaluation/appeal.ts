import type { RollupCounter } from '../statistics/counters';
import type { CaseFact, DepartmentFacts } from './score';

/** The facts that make a case late or follow from its lateness: an appeal (申诉) may contest any of them. */
export const LATENESS_COUNTERS: readonly RollupCounter[] = ['concludedLate', 'overdueOpen', 'warnings', 'yellowCards', 'redCards', 'stepsOverdue'];

const isLateness = (fact: CaseFact) => LATENESS_COUNTERS.includes(fact.counter);

/**
 * The fact an appeal contests: the one named by `ref` (an alert id, or a fact's own id),
 * else the case's red card, else the case's first lateness fact; undefined when the case
 * has nothing late counted in this evaluation.
 */
export function contestedFact(facts: DepartmentFacts, caseNo: string, ref?: string): CaseFact | undefined {
  const own = facts.facts.filter((f) => f.caseNo === caseNo && isLateness(f));
  if (ref !== undefined) return own.find((f) => f.ref === ref || f.id === ref);
  return own.find((f) => f.counter === 'redCards') ?? own[0];
}

/** The key an appeal keeps for its contested fact: the alert id when there is one, else the fact's id. */
export const appealRefOf = (fact: CaseFact): string => fact.ref ?? fact.id;

/**
 * What an upheld appeal takes out of the score: every lateness fact of its case, since a
 * lateness found unfounded has no effect left (its cards, its late count, its overdue steps).
 */
export function upheldExclusions(facts: DepartmentFacts, caseNos: Iterable<string>): Set<string> {
  const cases = new Set(caseNos);
  return new Set(facts.facts.filter((f) => cases.has(f.caseNo) && isLateness(f)).map((f) => f.id));
}

