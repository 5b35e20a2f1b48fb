import { describe, expect, it } from 'vitest';
import { missingNextYear } from '../../../domain/calendar/notice';

const at = (iso: string) => Date.parse(iso);
const calendar = (years: { year: number; published: boolean }[]) => ({
  utcOffsetMinutes: 480, years,
});

describe('the notice of next year\'s missing calendar', () => {
  it('starts on 1 November in the calendar\'s zone', () => {
    const none = calendar([]);
    expect(missingNextYear(none, at('2026-10-31T15:59:59Z'))).toBeNull();
    expect(missingNextYear(none, at('2026-10-31T16:00:00Z'))).toBe(2027);
    expect(missingNextYear(none, at('2026-12-31T15:00:00Z'))).toBe(2027);
  });

  it('ends when next year is published; a draft does not count', () => {
    expect(missingNextYear(calendar([{ year: 2027, published: false }]), at('2026-12-04T00:00:00Z'))).toBe(2027);
    expect(missingNextYear(calendar([{ year: 2027, published: true }]), at('2026-12-04T00:00:00Z'))).toBeNull();
  });
});
