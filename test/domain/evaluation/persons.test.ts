import { describe, expect, it } from 'vitest';
import { upheldExclusions } from '../../../domain/evaluation/appeal';
import { DEFAULT_STANDARD } from '../../../domain/evaluation/default-standard';
import { byPerson } from '../../../domain/evaluation/persons';
import { scoreDepartment, type DepartmentFacts } from '../../../domain/evaluation/score';
import { validateStandard } from '../../../domain/evaluation/validate';
import { withdrawalDelta } from '../../../domain/evaluation/withdrawal';

const standard = validateStandard(DEFAULT_STANDARD).standard!;
const clerkA = { department: 'fire', position: 'reviewer', userId: 'a' };
const position = { department: 'fire', position: 'reviewer' };

/** fire: A-1 (claimed by a) overdue, yellow-carded and concluded late; A-2 overdue under the position; B-1 on time. */
const facts: DepartmentFacts = {
  department: 'fire',
  counts: { submitted: 3, accepted: 3, concluded: 2, concludedOnTime: 1, concludedLate: 1, stepsOverdue: 2, yellowCards: 1 },
  sums: { workingDaysUsed: 20, statutoryDays: 40 },
  facts: [
    { id: 'A-1:3:stepsOverdue', caseNo: 'A-1', counter: 'stepsOverdue', ref: 'A-1:stepOverdue:review#1', holder: clerkA },
    { id: 'A-1:4:yellowCards', caseNo: 'A-1', counter: 'yellowCards', ref: 'A-1:yellowCard', holder: clerkA },
    { id: 'A-1:5:concludedLate', caseNo: 'A-1', counter: 'concludedLate' },
    { id: 'A-2:3:stepsOverdue', caseNo: 'A-2', counter: 'stepsOverdue', ref: 'A-2:stepOverdue:review#1', holder: position },
  ],
};

describe('an evaluation by person (超时责任倒查)', () => {
  it('gives each holder the facts they held and the points those facts cost', () => {
    const score = scoreDepartment(standard, facts);
    const rows = byPerson(facts, score);
    expect(rows.find((r) => r.userId === 'a')).toMatchObject({ position: 'reviewer', points: -2, counts: { stepsOverdue: 1, yellowCards: 1 }, cases: ['A-1'] });
    expect(rows.find((r) => r.userId === null && r.position === 'reviewer')).toMatchObject({ points: 0, counts: { stepsOverdue: 1 }, cases: ['A-2'] });
    const own = rows.find((r) => r.userId === null && r.position === null);
    expect(own?.counts).toEqual({ concludedLate: 1 });
    expect(own?.points).toBeLessThan(0);
    // Every point lost is someone's: the shares add up to the cases' contributions.
    const lost = score.cases.reduce((sum, c) => sum + c.points, 0);
    expect(rows.reduce((sum, r) => sum + r.points, 0)).toBeCloseTo(lost, 1);
  });

  it('counts nothing for anyone of a case whose appeal was upheld, and scores the late conclusion on time', () => {
    const excluded = upheldExclusions(facts, ['A-1']);
    const score = scoreDepartment(standard, facts, { excluded });
    const rows = byPerson(facts, score, excluded);
    expect(rows.map((r) => r.userId ?? r.position)).toEqual(['reviewer']);
    expect(score.counts).toMatchObject({ concludedLate: 0, concludedOnTime: 2, yellowCards: 0, stepsOverdue: 1 });
  });

  it('undoes one lateness fact in the counters: a late conclusion becomes one on time', () => {
    expect(withdrawalDelta('concludedLate')).toEqual({ concludedLate: -1, concludedOnTime: 1 });
    expect(withdrawalDelta('redCards')).toEqual({ redCards: -1 });
  });
});
