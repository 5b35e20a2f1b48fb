import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays, calendarSince, computeSchedule, defaultCalendar, limitDeadline, localDateOf, workingDaysBetween,
  type ClockState, type Pause, type WorkCalendar,
} from '../../domain/index';
import { bj } from './shanghai';

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const national = defaultCalendar();

// A reference model written the slow, obvious way: walk the days one by one.
function naiveIsWorking(cal: WorkCalendar, day: number): boolean {
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const adjustment = cal.adjustments.find((a) => a.date === date);
  if (adjustment) return adjustment.working;
  const year = cal.years.find((y) => y.published && y.year === Number(date.slice(0, 4)));
  if (year?.workdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  const weekday = new Date(day * DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
const dayOf = (at: number) => Math.floor((at + OFFSET) / DAY);

/** The n-th working day after the start that no pause covers; pauses cover (day of from, day of to]. */
function naiveUsedDay(cal: WorkCalendar, startedAt: number, n: number, pauses: Pause[]): number {
  let day = dayOf(startedAt);
  for (let used = 0; used < n; ) {
    day += 1;
    const paused = pauses.some((p) => dayOf(p.from) < day && day <= dayOf(p.to ?? p.from));
    if (!paused && naiveIsWorking(cal, day)) used += 1;
  }
  return day;
}

const calendarArb = fc.oneof(
  fc.constant(national),
  fc.uniqueArray(
    fc.record({ day: fc.integer({ min: 0, max: 3 * 366 }), working: fc.boolean() }),
    { selector: (a) => a.day, maxLength: 12 },
  ).map((adjustments): WorkCalendar => ({
    ...national,
    adjustments: adjustments.map(({ day, working }) => ({
      date: new Date(Date.UTC(2025, 0, 1) + day * DAY).toISOString().slice(0, 10), working, reason: 'p', source: 'p',
    })),
  })),
);
// 2003 and 2027–2028 have no data: the fallback is exercised too.
const instantArb = fc.integer({ min: bj('2003-06-01'), max: bj('2028-06-01') });
const reasonArb = fc.constantFrom<Pause['reason']>('supplement', 'special-procedure', 'suspension');
const pausesArb = (startedAt: number) =>
  fc.array(
    fc.record({ offset: fc.integer({ min: 0, max: 120 * DAY }), length: fc.integer({ min: 0, max: 30 * DAY }), reason: reasonArb }),
    { maxLength: 6 },
  ).map((ps) => ps.map(({ offset, length, reason }): Pause => ({ reason, from: startedAt + offset, to: startedAt + offset + length })));
const caseArb = instantArb.chain((startedAt) => fc.record({
  calendar: calendarArb, startedAt: fc.constant(startedAt), pauses: pausesArb(startedAt),
  days: fc.integer({ min: 0, max: 60 }), grace: fc.integer({ min: 0, max: 10 }), warningHour: fc.integer({ min: 0, max: 23 }),
}));

const clock = (startedAt: number, pauses: Pause[]): ClockState => ({ startedAt, pauses });
const limitsOf = (days: number, grace: number, warningHour = 0) =>
  ({ promisedDays: days, statutoryDays: days, redCardGraceDays: grace, warningHour });

describe('working-day arithmetic properties', () => {
  it('agrees with a day-by-day walk', () => {
    fc.assert(fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 300 }), (cal, s, n) => {
      expect(limitDeadline(cal, s, n).at).toBe((naiveUsedDay(cal, s, n, []) + 1) * DAY - OFFSET);
    }), { numRuns: 200 });
  });

  it('counts back the N working days it added', () => {
    fc.assert(fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: DAY - 1 }),
      (cal, s, n, timeOfDay) => {
        const date = localDateOf(cal, s);
        const added = addWorkingDays(cal, date, n);
        const to = bj(added.date) + timeOfDay;
        expect(workingDaysBetween(cal, s, to).days).toBe(n);
        expect(workingDaysBetween(cal, s, limitDeadline(cal, s, n).at - 1).days).toBe(n);
      }));
  });

  it('never gives an earlier deadline for a longer limit', () => {
    fc.assert(fc.property(caseArb, fc.integer({ min: 1, max: 40 }), ({ calendar, startedAt, pauses, days, grace }, more) => {
      const short = computeSchedule({ limits: limitsOf(days, grace), processing: clock(startedAt, pauses) }, calendar);
      const long = computeSchedule({ limits: limitsOf(days + more, grace), processing: clock(startedAt, pauses) }, calendar);
      expect(long.deadline).toBeGreaterThan(short.deadline ?? Number.NaN);
    }));
  });
});

describe('pause properties', () => {
  it('never moves a deadline or threshold earlier', () => {
    fc.assert(fc.property(caseArb, ({ calendar, startedAt, pauses, days, grace }) => {
      const limits = limitsOf(days, grace);
      for (let k = 0; k < pauses.length; k++) {
        const fewer = computeSchedule({ limits, processing: clock(startedAt, pauses.slice(0, k)) }, calendar);
        const more = computeSchedule({ limits, processing: clock(startedAt, pauses.slice(0, k + 1)) }, calendar);
        expect(more.deadline).toBeGreaterThanOrEqual(fewer.deadline ?? Number.NaN);
        fewer.thresholds.forEach((t, i) => expect(more.thresholds[i]?.at).toBeGreaterThanOrEqual(t.at));
      }
    }));
  });

  it('matches the day-by-day count of unpaused working days', () => {
    fc.assert(fc.property(caseArb, ({ calendar, startedAt, pauses, days }) => {
      const s = computeSchedule({ limits: limitsOf(days, 0), processing: clock(startedAt, pauses) }, calendar);
      const naive = naiveUsedDay(calendar, startedAt, days, pauses);
      const got = dayOf((s.deadline ?? Number.NaN) - 1);
      // A pause begun on the last day, before 24:00, also saves that day's remainder.
      if (pauses.some((p) => dayOf(p.from) === naive)) expect(got).toBeGreaterThanOrEqual(naive);
      else expect(got).toBe(naive);
    }), { numRuns: 300 });
  });

  it('orders the ladder warning < yellow < red', () => {
    fc.assert(fc.property(caseArb, ({ calendar, startedAt, pauses, days, grace, warningHour }) => {
      const s = computeSchedule({ limits: limitsOf(days, grace, warningHour), processing: clock(startedAt, pauses) }, calendar);
      const at = Object.fromEntries(s.thresholds.map((t) => [t.kind, t.at]));
      expect(at.warning).toBeLessThan(at.yellowCard ?? Number.NaN);
      expect(at.warning).toBeLessThan(s.deadline ?? Number.NaN);
      if (grace > 0) expect(at.yellowCard).toBeLessThan(at.redCard ?? Number.NaN);
      else expect(at.yellowCard).toBe(at.redCard);
    }));
  });

  it('gives the same schedule on the calendar from the year before the case was submitted', () => {
    fc.assert(fc.property(caseArb, fc.integer({ min: 0, max: 20 * DAY }), fc.integer({ min: 0, max: 500 * DAY }),
      ({ calendar, startedAt, pauses, days, grace, warningHour }, accepting, later) => {
        const submittedAt = startedAt - accepting;
        const cut = calendarSince(calendar, submittedAt);
        const input = {
          now: startedAt + later, submittedAt, limits: limitsOf(days, grace, warningHour), processing: clock(startedAt, pauses),
          steps: [{ key: 's', nodeId: 'n', startedAt, limitDays: Math.max(1, days >> 1) }],
        };
        expect(computeSchedule(input, cut)).toEqual(computeSchedule(input, calendar));
        expect(workingDaysBetween(cut, submittedAt, startedAt + later)).toEqual(workingDaysBetween(calendar, submittedAt, startedAt + later));
      }), { numRuns: 400 });
  });

  it('cuts the years before the year before the submission, and returns an uncut calendar as it is', () => {
    const cut = calendarSince(national, bj('2026-01-01'));
    expect(cut.years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(national).length / 8);
    expect(calendarSince(cut, bj('2025-06-01'))).toBe(cut);
    // The local year decides: 2026-01-01 00:30 in Beijing is still 2025 in UTC.
    expect(calendarSince(national, bj('2026-01-01') + 30 * 60_000).years[0]?.year).toBe(2025);
    expect(() => calendarSince(national, Number.NaN)).toThrow();
  });
});
