import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/chinese-days';
import { SATISFACTION_LEVELS } from '../../../domain/voice/rating';
import { followUpDeadline, followUpThresholds, isBadRating, ratingRefusal, satisfactionScore } from '../../../domain/voice/rating-rules';

const DAY = 86_400_000;

describe('好差评 rules', () => {
  it('calls dissatisfied and worse a 差评 and scores the five levels 5 to 1', () => {
    expect(SATISFACTION_LEVELS.filter(isBadRating)).toEqual(['dissatisfied', 'very-dissatisfied']);
    expect(SATISFACTION_LEVELS.map(satisfactionScore)).toEqual([5, 4, 3, 2, 1]);
  });

  it('takes a rating only once concluded and before the window closes', () => {
    const concludedAt = Date.UTC(2026, 2, 10, 2);
    expect(ratingRefusal(null, concludedAt, 15)?.code).toBe('NOT_CONCLUDED');
    expect(ratingRefusal(concludedAt, concludedAt + 15 * DAY - 1, 15)).toBeUndefined();
    expect(ratingRefusal(concludedAt, concludedAt + 15 * DAY, 15)?.code).toBe('RATING_CLOSED');
  });

  it('watches a 差评\'s follow-up on working days and nothing for a good rating', () => {
    // Rated Friday 2026-03-06 10:00 (+08:00); 5 working days: Mon 9 … Fri 13 March; the limit ends at 24:00 Friday.
    const ratedAt = Date.UTC(2026, 2, 6, 2);
    const rating = { caseNo: 'SL1', itemCode: 'X', itemName: 'X', department: 'd', reasons: [], ratedAt };
    const bad = { input: { rating: { ...rating, level: 'dissatisfied' as const }, calendar: defaultCalendar(), limits: { followUpDays: 5 } }, closure: null };
    const saturday = Date.UTC(2026, 2, 13, 16); // 2026-03-14 00:00 +08:00
    expect(followUpDeadline(bad.input).at).toBe(saturday);
    expect(followUpThresholds(bad).map((t) => [t.key, t.at])).toEqual([
      ['warning', Date.UTC(2026, 2, 13, 1)], // Friday 13 March 09:00 +08:00
      ['overdue', saturday],
      ['escalated', saturday + 4 * DAY], // two more working days (Mon 16, Tue 17): 24:00 Tuesday, i.e. Wednesday 18 March 00:00
    ]);
    expect(followUpThresholds({ ...bad, input: { ...bad.input, rating: { ...rating, level: 'satisfied' } } })).toEqual([]);
  });
});
