import { addInto, type Counts, type RollupCounter, type Sums } from '../statistics/counters';
import { withdrawalDelta } from './withdrawal';
import type { Formula, Indicator, ScoringStandard } from './schema';

/** One counted event of a case that costs its department points (a late conclusion, a card, …). */
export interface CaseFact {
  id: string;
  caseNo: string;
  counter: RollupCounter;
  /** The alert or anomaly id, e.g. '<caseNo>:redCard'. */
  ref?: string | null;
  /** Who held the step to blame (a step overdue, a card it caused): the clerk who claimed it, else the position. */
  holder?: { department: string; position: string; userId?: string } | null;
}

/** What a department did in the period: summed rollup counters and sums, and its costly case facts. */
export interface DepartmentFacts {
  department: string;
  counts: Counts;
  sums: Sums;
  facts: CaseFact[];
}

export interface IndicatorScore {
  id: string;
  name: { zh: string; en: string };
  kind: Formula['kind'];
  /** Points this indicator adds (rates, averages) or takes away (deductions, negative). */
  points: number;
  /** Most it can add; 0 for deductions. */
  maxPoints: number;
  /** The measured rate, average or count; null when there was nothing to measure. */
  value: number | null;
  /** Nothing to measure and left out of the total: the other rated indicators carry its weight. */
  excluded?: boolean;
  numerator?: number;
  denominator?: number;
}

export interface CaseContribution {
  caseNo: string;
  /** Points the case cost its department (negative), summed over indicators. */
  points: number;
  items: { indicator: string; counter: RollupCounter; factId: string; ref?: string; points: number }[];
}

export interface DepartmentScore {
  department: string;
  /** Sum of the indicators' points clamped to [0, maxScore], rounded to 0.01. */
  score: number;
  /** The unclamped sum. */
  raw: number;
  indicators: IndicatorScore[];
  /** Cases that cost points, the costliest first. */
  cases: CaseContribution[];
  counts: Counts;
}

export interface ScoreOptions {
  /** Fact ids or refs taken out (an upheld appeal): their counters are reduced by one each. */
  excluded?: ReadonlySet<string>;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, digits = 4) => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const total = (counts: Counts, names: readonly RollupCounter[]) => names.reduce((n, c) => n + (counts[c] ?? 0), 0);

interface Outcome {
  score: IndicatorScore;
  /** The counters whose facts share the points lost, and how many points were lost. */
  loss?: { counters: readonly RollupCounter[]; points: number };
}

const asList = (c: RollupCounter | readonly RollupCounter[]): readonly RollupCounter[] => (typeof c === 'string' ? [c] : c);

function empty(base: Pick<IndicatorScore, 'id' | 'name' | 'kind'>, f: { weight: number; whenEmpty?: 'exclude' | 'full' | 'none' }, measure: Partial<IndicatorScore>): Outcome {
  const when = f.whenEmpty ?? 'exclude';
  if (when === 'exclude') return { score: { ...base, points: 0, maxPoints: 0, value: null, excluded: true, ...measure } };
  return { score: { ...base, points: when === 'none' ? 0 : f.weight, maxPoints: f.weight, value: null, ...measure } };
}

function scoreIndicator(indicator: Indicator, counts: Counts, sums: Sums): Outcome {
  const { formula: f } = indicator;
  const base = { id: indicator.id, name: indicator.name, kind: f.kind };
  if (f.kind === 'deduction') {
    const n = counts[f.counter] ?? 0;
    const points = -Math.min(f.cap, n * f.points);
    return { score: { ...base, points: round(points), maxPoints: 0, value: n }, loss: { counters: [f.counter], points: -points } };
  }
  if (f.kind === 'rate') {
    const numerator = total(counts, f.numerator);
    const denominator = total(counts, f.denominator);
    if (denominator === 0) return empty(base, f, { numerator, denominator });
    const rate = numerator / denominator;
    const measured = f.invert ? 1 - rate : rate;
    const floor = f.floor ?? 0;
    const points = f.weight * clamp01((measured - floor) / ((f.target ?? 1) - floor));
    return {
      score: { ...base, points: round(points), maxPoints: f.weight, value: round(measured), numerator, denominator },
      ...(f.lossFacts && { loss: { counters: asList(f.lossFacts), points: f.weight - points } }),
    };
  }
  const count = total(counts, f.count);
  if (count === 0) return empty(base, f, { denominator: 0 });
  const average = (sums[f.sum] ?? 0) / count;
  const min = f.scaleMin ?? 0;
  const points = f.weight * clamp01((average - min) / (f.scaleMax - min));
  return { score: { ...base, points: round(points), maxPoints: f.weight, value: round(average), numerator: sums[f.sum] ?? 0, denominator: count } };
}

/** The facts left after exclusions, and the counters reduced by what was excluded. */
function applyExclusions(facts: DepartmentFacts, excluded: ReadonlySet<string>): { counts: Counts; kept: CaseFact[] } {
  const counts: Counts = {};
  addInto(counts, facts.counts);
  const kept: CaseFact[] = [];
  for (const fact of facts.facts) {
    if (excluded.has(fact.id) || (fact.ref && excluded.has(fact.ref))) {
      for (const [counter, change] of Object.entries(withdrawalDelta(fact.counter)) as [RollupCounter, number][]) {
        counts[counter] = Math.max(0, (counts[counter] ?? 0) + change);
      }
    } else kept.push(fact);
  }
  return { counts, kept };
}

/**
 * Gives the weight of rated indicators left out (nothing to measure) to the measured ones,
 * in proportion to their weights, so that doing nothing earns nothing: the rated total
 * stays what the standard says, earned on what was measured. Nothing measured at all: the
 * rated part scores nothing.
 */
function reweight(outcomes: Outcome[], standard: ScoringStandard): void {
  const weightOf = (i: Indicator) => (i.formula.kind === 'deduction' ? 0 : i.formula.weight);
  const total = standard.indicators.reduce((sum, i) => sum + weightOf(i), 0);
  const measured = standard.indicators.reduce((sum, i, n) => sum + (outcomes[n]?.score.excluded ? 0 : weightOf(i)), 0);
  if (measured === 0 || measured === total) return;
  const factor = total / measured;
  for (const [n, outcome] of outcomes.entries()) {
    if (outcome.score.excluded || standard.indicators[n]?.formula.kind === 'deduction') continue;
    outcome.score = { ...outcome.score, points: round(outcome.score.points * factor), maxPoints: round(outcome.score.maxPoints * factor) };
    if (outcome.loss) outcome.loss = { ...outcome.loss, points: outcome.loss.points * factor };
  }
}

/**
 * Scores one department by a standard. Every indicator shows its points; the points an
 * indicator loses are shared equally among the case facts of its loss counters (a
 * deduction's own counter, a rate's `lossFacts`), so each case shows what it cost.
 */
export function scoreDepartment(standard: ScoringStandard, facts: DepartmentFacts, options: ScoreOptions = {}): DepartmentScore {
  const { counts, kept } = applyExclusions(facts, options.excluded ?? new Set());
  const indicators: IndicatorScore[] = [];
  const byCase = new Map<string, CaseContribution>();
  const outcomes = standard.indicators.map((indicator) => scoreIndicator(indicator, counts, facts.sums));
  reweight(outcomes, standard);
  for (const [n, indicator] of standard.indicators.entries()) {
    const { score, loss } = outcomes[n] as Outcome;
    indicators.push(score);
    if (!loss || loss.points <= 0) continue;
    const losing = kept.filter((fact) => loss.counters.includes(fact.counter));
    for (const fact of losing) {
      const share = -loss.points / losing.length;
      const entry = byCase.get(fact.caseNo) ?? { caseNo: fact.caseNo, points: 0, items: [] };
      entry.points += share;
      entry.items.push({ indicator: indicator.id, counter: fact.counter, factId: fact.id, ...(fact.ref && { ref: fact.ref }), points: round(share) });
      byCase.set(fact.caseNo, entry);
    }
  }
  const raw = indicators.reduce((sum, i) => sum + i.points, 0);
  const maxScore = standard.maxScore ?? 100;
  const cases = [...byCase.values()]
    .map((c) => ({ ...c, points: round(c.points) }))
    .sort((a, b) => a.points - b.points || (a.caseNo < b.caseNo ? -1 : 1));
  return { department: facts.department, score: round(Math.min(maxScore, Math.max(0, raw)), 2), raw: round(raw), indicators, cases, counts };
}

export interface RankedScore {
  department: string;
  score: number;
  /** Competition ranking: equal scores share a rank, the next rank skips (1, 1, 3). */
  rank: number;
}

/** Ranks scores, highest first; equal scores share a rank and are listed by department code. */
export function rank(scores: readonly { department: string; score: number }[]): RankedScore[] {
  const sorted = [...scores].sort((a, b) => b.score - a.score || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  let previous: { score: number; rank: number } | undefined;
  return sorted.map((s, i) => {
    const position = previous && previous.score === s.score ? previous.rank : i + 1;
    previous = { score: s.score, rank: position };
    return { department: s.department, score: s.score, rank: position };
  });
}
