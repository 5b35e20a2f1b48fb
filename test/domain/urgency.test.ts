import { describe, expect, it } from 'vitest';
import { urgencyKey, type UrgencyInput } from '../../domain/records/urgency';

const open = (alertLevel: UrgencyInput['alertLevel'], deadline: number | null): UrgencyInput => ({ status: 'processing', alertLevel, deadline });

describe('urgencyKey', () => {
  it('sorts red, yellow, warning, normal, then concluded; within a level the nearest deadline first, unknown last', () => {
    const cases: [string, UrgencyInput][] = [
      ['normal-late', open('normal', 2_000_000_000_000)],
      ['concluded-red', { status: 'concluded', alertLevel: 'red', deadline: 1 }],
      ['normal-none', open('normal', null)],
      ['warning', open('warning', 1_900_000_000_000)],
      ['red-far', open('red', 1_800_000_000_000)],
      ['yellow', open('yellow', 5)],
      ['normal-soon', open('normal', 999)],
      ['red-near', open('red', 1_700_000_000_000)],
    ];
    const sorted = [...cases].sort(([, a], [, b]) => (urgencyKey(a) < urgencyKey(b) ? -1 : 1)).map(([name]) => name);
    expect(sorted).toEqual(['red-near', 'red-far', 'yellow', 'warning', 'normal-soon', 'normal-late', 'normal-none', 'concluded-red']);
  });

  it('compares deadlines of different lengths as numbers, not as text', () => {
    expect(urgencyKey(open('normal', 999)) < urgencyKey(open('normal', 1_000))).toBe(true);
    expect(urgencyKey(open('normal', 9_999_999_999_999)) < urgencyKey(open('normal', 10_000_000_000_000))).toBe(true);
  });
});
