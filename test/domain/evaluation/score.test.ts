import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARD } from '../../../domain/evaluation/default-standard';
import { rank, scoreDepartment, type CaseFact, type DepartmentFacts } from '../../../domain/evaluation/score';
import { validateStandard } from '../../../domain/evaluation/validate';

const fact = (id: string, caseNo: string, counter: CaseFact['counter'], ref?: string): CaseFact => ({ id, caseNo, counter, ...(ref && { ref }) });

/** A month of one department; the expected points below are worked out by hand. */
const health: DepartmentFacts = {
  department: 'health',
  counts: {
    submitted: 12, concludedOnTime: 8, concludedLate: 2, concludedEarly: 6, integrityAnomalies: 1, complaints: 4,
    complaintsConcludedInTime: 3, complaintsRespondedInTime: 4, ratings: 5, supervisionOrders: 2, supervisionOrdersAnswered: 1,
    warnings: 3, yellowCards: 2, redCards: 1, complaintsUpheld: 1,
  },
  sums: { satisfaction: 21 },
  facts: [
    fact('A:9:concludedLate', 'A', 'concludedLate'), fact('B:7:concludedLate', 'B', 'concludedLate'),
    fact('C:3:integrityAnomalies', 'C', 'integrityAnomalies', 'C:anomaly:1'),
    fact('A:3:warnings', 'A', 'warnings', 'A:warning'), fact('A:6:warnings', 'A', 'warnings', 'A:warning#2'), fact('D:4:warnings', 'D', 'warnings', 'D:warning'),
    fact('A:4:yellowCards', 'A', 'yellowCards', 'A:yellowCard'), fact('B:5:yellowCards', 'B', 'yellowCards', 'B:yellowCard'),
    fact('A:5:redCards', 'A', 'redCards', 'A:redCard'),
  ],
};

/** The default standard saying explicitly that an indicator with nothing to measure scores full marks. */
const FULL_WHEN_EMPTY = {
  ...DEFAULT_STANDARD,
  indicators: DEFAULT_STANDARD.indicators.map((i) => (i.formula.kind === 'deduction' ? i : { ...i, formula: { ...i.formula, whenEmpty: 'full' as const } })),
};

describe('scoreDepartment with the default standard', () => {
  it('shows every indicator\'s points, hand-checked', () => {
    const result = scoreDepartment(DEFAULT_STANDARD, health);
    const points = Object.fromEntries(result.indicators.map((i) => [i.id, i.points]));
    expect(points).toEqual({
      onTimeRate: 24, // 30 × 8/10
      earlyRate: 7.5, // 10 × (6/10) / 0.8
      dataCompleteness: 9.1667, // 10 × (1 − 1/12)
      complaintHandling: 7.5, // 10 × 3/4
      complaintResponse: 5, // 5 × 4/4
      satisfaction: 16, // 20 × (4.2 − 1) / (5 − 1)
      orderResponsiveness: 7.5, // 15 × 1/2
      warnings: -1.5, // 3 × 0.5
      yellowCards: -4, // 2 × 2
      redCards: -5,
      complaintsUpheld: -2,
      feeAnomalies: 0,
      riskPointAnomalies: 0,
      outsideRightsAnomalies: 0,
    });
    // 76.6667 − 12.5
    expect(result.score).toBe(64.17);
    expect(result.indicators.find((i) => i.id === 'onTimeRate')).toMatchObject({ value: 0.8, numerator: 8, denominator: 10, maxPoints: 30 });
  });

  it('deducts confirmed fee, risk-point and outside-rights anomalies, each under its own cap', () => {
    // Rated indicators at full marks with nothing measured (said explicitly), so the score is 100 less the deductions.
    const result = scoreDepartment(FULL_WHEN_EMPTY, {
      department: 'x', counts: { anomaliesConfirmedFee: 2, anomaliesConfirmedRiskPoint: 9, anomaliesConfirmedOutsideRights: 1, anomaliesConfirmedOther: 4 }, sums: {}, facts: [],
    });
    const points = Object.fromEntries(result.indicators.map((i) => [i.id, i.points]));
    expect(points).toMatchObject({ feeAnomalies: -4, riskPointAnomalies: -10, outsideRightsAnomalies: -3 });
    expect(result.score).toBe(100 - 17);
  });

  it('shows what each case cost: the points an indicator lost, shared among its facts', () => {
    const { cases } = scoreDepartment(DEFAULT_STANDARD, health);
    expect(cases.map((c) => [c.caseNo, c.points])).toEqual([
      ['A', -11], // late −3, two warnings −0.5 each, yellow −2, red −5
      ['B', -5], // late −3, yellow −2
      ['C', -0.8333], // the 0.8333 completeness lost
      ['D', -0.5],
    ]);
    expect(cases[0]?.items.find((i) => i.counter === 'redCards')).toEqual({ indicator: 'redCards', counter: 'redCards', factId: 'A:5:redCards', ref: 'A:redCard', points: -5 });
  });

  it('takes an excluded red card (an upheld appeal) out of the counters and the case', () => {
    const result = scoreDepartment(DEFAULT_STANDARD, health, { excluded: new Set(['A:redCard']) });
    expect(result.indicators.find((i) => i.id === 'redCards')).toMatchObject({ points: 0, value: 0 });
    expect(result.score).toBe(69.17);
    expect(result.cases[0]).toMatchObject({ caseNo: 'A', points: -6 });
  });

  it('caps deductions and shares the capped points', () => {
    const facts = Array.from({ length: 15 }, (_, i) => fact(`Y${i}:yellowCards`, `Y${i}`, 'yellowCards'));
    const result = scoreDepartment(FULL_WHEN_EMPTY, { department: 'x', counts: { yellowCards: 15 }, sums: {}, facts });
    expect(result.indicators.find((i) => i.id === 'yellowCards')?.points).toBe(-20);
    expect(result.cases[0]?.points).toBe(-1.3333);
    expect(result.score).toBe(80);
  });

  it('gives full marks where there was nothing to measure and clamps at zero', () => {
    expect(scoreDepartment(FULL_WHEN_EMPTY, { department: 'idle', counts: {}, sums: {}, facts: [] }).score).toBe(100);
    const standard = { code: 'strict', name: 'strict', indicators: [
      { id: 'redCards', name: { zh: '红牌', en: 'Red cards' }, formula: { kind: 'deduction' as const, counter: 'redCards' as const, points: 50, cap: 200 } },
    ] };
    const result = scoreDepartment(standard, { department: 'x', counts: { redCards: 3 }, sums: {}, facts: [] });
    expect(result).toMatchObject({ score: 0, raw: -150 });
  });

  it('leaves out what there was nothing to measure and gives its weight to the measured indicators', () => {
    const cases = { department: 'cases-only', counts: { submitted: 10, concludedOnTime: 8, concludedLate: 2, concludedEarly: 6 }, sums: {}, facts: [] };
    const result = scoreDepartment(DEFAULT_STANDARD, cases);
    // Complaints (10 + 5), satisfaction (20) and orders (15) had nothing to measure: the other
    // 50 points of weight carry 100, twice each: on time 2 × 24, early 2 × 7.5, data 2 × 10.
    expect(Object.fromEntries(result.indicators.map((i) => [i.id, [i.points, i.maxPoints]]))).toMatchObject({
      onTimeRate: [48, 60], earlyRate: [15, 20], dataCompleteness: [20, 20],
      complaintHandling: [0, 0], complaintResponse: [0, 0], satisfaction: [0, 0], orderResponsiveness: [0, 0],
    });
    expect(result.indicators.filter((i) => i.excluded).map((i) => i.id)).toEqual(['complaintHandling', 'complaintResponse', 'satisfaction', 'orderResponsiveness']);
    expect(result.score).toBe(83); // full marks where empty gave 24 + 7.5 + 10 + 50 = 91.5
    expect(scoreDepartment(FULL_WHEN_EMPTY, cases).score).toBe(91.5);
  });

  it('gives nothing for doing nothing: no measured indicator, no rated points', () => {
    expect(scoreDepartment(DEFAULT_STANDARD, { department: 'idle', counts: {}, sums: {}, facts: [] }).score).toBe(0);
    const carded = scoreDepartment(DEFAULT_STANDARD, { department: 'x', counts: { yellowCards: 2 }, sums: {}, facts: [] });
    expect(carded).toMatchObject({ score: 0, raw: -4 });
  });

  it('shares a late case\'s loss among the facts of every loss counter', () => {
    const standard = { code: 's', name: 's', indicators: [
      { id: 'onTime', name: { zh: '按时', en: 'On time' }, formula: {
        kind: 'rate' as const, weight: 40, numerator: ['concludedOnTime' as const], denominator: ['concludedOnTime' as const, 'concludedLate' as const, 'overdueOpen' as const],
        lossFacts: ['concludedLate' as const, 'overdueOpen' as const] } },
    ] };
    const result = scoreDepartment(standard, {
      department: 'x', counts: { concludedOnTime: 2, concludedLate: 1, overdueOpen: 1 }, sums: {},
      facts: [fact('L:9:concludedLate', 'L', 'concludedLate'), fact('O:overdueOpen', 'O', 'overdueOpen')],
    });
    expect(result.score).toBe(20);
    expect(result.cases.map((c) => [c.caseNo, c.points])).toEqual([['L', -10], ['O', -10]]);
  });
});

describe('rank', () => {
  it('ranks highest first; equal scores share a rank', () => {
    expect(rank([{ department: 'a', score: 90 }, { department: 'b', score: 95 }, { department: 'c', score: 90 }, { department: 'd', score: 80 }]))
      .toEqual([{ department: 'b', score: 95, rank: 1 }, { department: 'a', score: 90, rank: 2 }, { department: 'c', score: 90, rank: 2 }, { department: 'd', score: 80, rank: 4 }]);
  });
});

describe('validateStandard', () => {
  it('accepts the default standard and fills defaults', () => {
    const { standard, issues } = validateStandard(DEFAULT_STANDARD);
    expect(issues).toEqual([]);
    expect(standard?.indicators[0]?.formula).toMatchObject({ kind: 'rate', target: 1, floor: 0, whenEmpty: 'exclude' });
  });

  it('rejects unknown formula kinds, unknown counters, duplicate ids and empty ranges, with JSON pointers', () => {
    const bad = (formula: unknown, id = 'x') => ({ code: 'c', name: 'n', indicators: [{ id, name: { zh: 'x', en: 'x' }, formula }] });
    expect(validateStandard(bad({ kind: 'eval', code: '1+1' })).issues[0]?.path).toBe('/indicators/0/formula');
    expect(validateStandard(bad({ kind: 'deduction', counter: 'parkingTickets', points: 1, cap: 1 })).issues[0]?.path).toBe('/indicators/0/formula/counter');
    const dup = bad({ kind: 'deduction', counter: 'redCards', points: 1, cap: 1 });
    dup.indicators.push({ ...dup.indicators[0]! });
    expect(validateStandard(dup).issues).toEqual([{ path: '/indicators/1/id', message: 'duplicate indicator id x' }]);
    expect(validateStandard(bad({ kind: 'rate', weight: 1, numerator: ['concludedOnTime'], denominator: ['concluded'], target: 0.2, floor: 0.5 })).issues[0]?.path)
      .toBe('/indicators/0/formula/target');
  });
});
