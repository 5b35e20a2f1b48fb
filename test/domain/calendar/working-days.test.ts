import { describe, expect, it } from 'vitest';
import {
  addWorkingDays, defaultCalendar, isWorkingDay, lastWorkingDayStart, limitDeadline, redCardAt,
  workingDayStatus, workingDaysBetween, yellowCardAt, type WorkCalendar,
} from '../../../domain/index';
import { bj, showBj } from '../shanghai';

const cal = defaultCalendar();

// Expected dates reasoned by hand from the State Council's 2026 notice (国办发明电〔2025〕7号)
// and a wall calendar (2026-01-01 is a Thursday). Each comment lists the counted days.
const table: { name: string; start: string; days: number; deadline: string; warning: string; yellow: string; red: string; grace: number }[] = [
  { name: 'Spring Festival with the 2-14 and 2-28 Saturdays', start: '2026-02-11 10:00', days: 5, grace: 2,
    // Thu 12, Fri 13, Sat 14 (调休), 15–23 off, Tue 24, Wed 25 | yellow Thu 26 | red Fri 27, Sat 28 (调休)
    deadline: '2026-02-26 00:00', warning: '2026-02-25 00:00', yellow: '2026-02-27 00:00', red: '2026-03-01 00:00' },
  { name: '20 working days (行政许可法第四十二条) across Spring Festival', start: '2026-02-06 16:30', days: 20, grace: 1,
    // Mon 9–Fri 13 (5), Sat 14 (6), Tue 24–Sat 28 (11), Mar 2–6 (16), Mar 9–12 (20) | yellow Fri 13 | red Mon 16
    deadline: '2026-03-13 00:00', warning: '2026-03-12 00:00', yellow: '2026-03-14 00:00', red: '2026-03-17 00:00' },
  { name: 'Qingming, no 调休', start: '2026-04-02 15:00', days: 3, grace: 1,
    // Fri 3, 4–6 off, Tue 7, Wed 8 | yellow Thu 9 | red Fri 10
    deadline: '2026-04-09 00:00', warning: '2026-04-08 00:00', yellow: '2026-04-10 00:00', red: '2026-04-11 00:00' },
  { name: 'Labour Day ending on the 5-9 Saturday', start: '2026-04-29 09:00', days: 5, grace: 1,
    // Thu 30, May 1–5 off, Wed 6, Thu 7, Fri 8, Sat 9 (调休) | yellow Mon 11 | red Tue 12
    deadline: '2026-05-10 00:00', warning: '2026-05-09 00:00', yellow: '2026-05-12 00:00', red: '2026-05-13 00:00' },
  { name: 'Dragon Boat', start: '2026-06-18 11:00', days: 2, grace: 1,
    // 19–21 off, Mon 22, Tue 23 | yellow Wed 24 | red Thu 25
    deadline: '2026-06-24 00:00', warning: '2026-06-23 00:00', yellow: '2026-06-25 00:00', red: '2026-06-26 00:00' },
  { name: 'the 9-20 Sunday before Mid-Autumn', start: '2026-09-18 17:00', days: 3, grace: 1,
    // Sat 19 off, Sun 20 (调休), Mon 21, Tue 22 | yellow Wed 23 | red Thu 24
    deadline: '2026-09-23 00:00', warning: '2026-09-22 00:00', yellow: '2026-09-24 00:00', red: '2026-09-25 00:00' },
  { name: 'Mid-Autumn', start: '2026-09-23 10:00', days: 3, grace: 1,
    // Thu 24, 25–27 off, Mon 28, Tue 29 | yellow Wed 30 | red Thu Oct 8 (after National Day)
    deadline: '2026-09-30 00:00', warning: '2026-09-29 00:00', yellow: '2026-10-01 00:00', red: '2026-10-09 00:00' },
  { name: 'National Day with the 10-10 Saturday', start: '2026-09-29 09:00', days: 5, grace: 3,
    // Wed 30, Oct 1–7 off, Thu 8, Fri 9, Sat 10 (调休), Mon 12 | yellow Tue 13 | red Wed 14, Thu 15, Fri 16
    deadline: '2026-10-13 00:00', warning: '2026-10-12 00:00', yellow: '2026-10-14 00:00', red: '2026-10-17 00:00' },
  { name: 'New Year with the 1-4 Sunday', start: '2025-12-31 18:00', days: 2, grace: 1,
    // Jan 1–3 off, Sun 4 (调休), Mon 5 | yellow Tue 6 | red Wed 7
    deadline: '2026-01-06 00:00', warning: '2026-01-05 00:00', yellow: '2026-01-07 00:00', red: '2026-01-08 00:00' },
];

describe('limit arithmetic over the 2026 holidays', () => {
  it.each(table)('$name', ({ start, days, deadline, warning, yellow, red, grace }) => {
    const s = bj(start);
    expect(showBj(limitDeadline(cal, s, days).at)).toBe(deadline);
    expect(showBj(lastWorkingDayStart(cal, s, days).at)).toBe(warning);
    expect(showBj(yellowCardAt(cal, s, days).at)).toBe(yellow);
    expect(showBj(redCardAt(cal, s, days, grace).at)).toBe(red);
    expect(limitDeadline(cal, s, days).provisional).toBe(false);
  });

  it('counts from the local day after the start, whatever the hour', () => {
    // 23:59 Friday Feb 13 is 15:59 UTC: the next local day is the Saturday 调休 working day.
    expect(showBj(limitDeadline(cal, bj('2026-02-13 23:59'), 1).at)).toBe('2026-02-15 00:00');
    // Two minutes later it is Saturday; the first working day after it is Tue Feb 24.
    expect(showBj(limitDeadline(cal, bj('2026-02-14 00:01'), 1).at)).toBe('2026-02-25 00:00');
  });

  it('ends a limit of 0 (即办) at 24:00 of the starting day', () => {
    expect(showBj(limitDeadline(cal, bj('2026-02-16 10:00'), 0).at)).toBe('2026-02-17 00:00');
    expect(showBj(lastWorkingDayStart(cal, bj('2026-02-16 10:00'), 0).at)).toBe('2026-02-16 10:00');
  });

  it('places the warning warningHour hours into the last working day', () => {
    expect(showBj(lastWorkingDayStart(cal, bj('2026-09-29 09:00'), 5, 9).at)).toBe('2026-10-12 09:00');
    expect(() => lastWorkingDayStart(cal, bj('2026-09-29 09:00'), 5, 24)).toThrow(expect.objectContaining({ code: 'invalid-hour' }));
  });
});

describe('working days', () => {
  it('knows holidays, 调休 days and plain weekends', () => {
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday 调休
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false); // Monday, Spring Festival
    expect(isWorkingDay(cal, '2026-03-07')).toBe(false); // plain Saturday
    expect(isWorkingDay(cal, '2026-03-09')).toBe(true); // plain Monday
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // Sunday 调休
  });

  it('adds working days and counts them back', () => {
    expect(addWorkingDays(cal, '2026-09-29', 5).date).toBe('2026-10-12');
    expect(addWorkingDays(cal, '2026-02-13', 1).date).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-15', 0).date).toBe('2026-02-15');
    expect(workingDaysBetween(cal, bj('2026-09-29 09:00'), bj('2026-10-12 23:00')).days).toBe(5);
    expect(workingDaysBetween(cal, bj('2026-10-12 23:00'), bj('2026-09-29 09:00')).days).toBe(-5);
    // (Feb 13, Feb 28]: Sat 14 (调休), Tue 24–Fri 27, Sat 28 (调休).
    expect(workingDaysBetween(cal, bj('2026-02-13 12:00'), bj('2026-02-28 12:00')).days).toBe(6);
    // (Feb 14, Feb 23]: the nine days off.
    expect(workingDaysBetween(cal, bj('2026-02-14 18:00'), bj('2026-02-23 09:00')).days).toBe(0);
  });

  it('rejects impossible dates and counts', () => {
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid-date' }));
    expect(() => addWorkingDays(cal, '2026-02-01', -1)).toThrow(expect.objectContaining({ code: 'invalid-count' }));
    expect(() => limitDeadline(cal, Number.NaN, 1)).toThrow(expect.objectContaining({ code: 'invalid-instant' }));
  });

  it('applies local adjustments over the national data', () => {
    const local: WorkCalendar = {
      ...cal,
      adjustments: [
        { date: '2026-03-09', working: false, reason: 'typhoon closure', source: 'test' },
        { date: '2026-03-07', working: true, reason: 'make-up day', source: 'test' },
      ],
    };
    expect(isWorkingDay(local, '2026-03-09')).toBe(false);
    // Fri Mar 6 + 2: Sat 7 (local make-up), Mon 9 closed, Tue 10.
    expect(addWorkingDays(local, '2026-03-06', 2).date).toBe('2026-03-10');
  });
});

describe('years without a published calendar', () => {
  // Mon 2026-12-28 + 5: Tue 29, Wed 30, Thu 31, then 2027.
  const start = bj('2026-12-28 10:00');

  it('counts Monday–Friday and marks the result provisional', () => {
    const r = limitDeadline(cal, start, 5);
    // Fri 2027-01-01 counts as a weekday without 2027 data: day 4; Mon Jan 4 is day 5.
    expect(showBj(r.at)).toBe('2027-01-05 00:00');
    expect(r).toMatchObject({ provisional: true, provisionalYears: [2027] });
    expect(workingDayStatus(cal, '2027-01-01')).toEqual({ working: true, provisional: true, provisionalYears: [2027] });
  });

  it('treats a draft year as unpublished', () => {
    const draft: WorkCalendar = { ...cal, years: [...cal.years, { ...year2027, published: false }] };
    expect(limitDeadline(draft, start, 5)).toMatchObject({ at: bj('2027-01-05'), provisional: true });
  });

  it('becomes definite once the year is published', () => {
    const withYear: WorkCalendar = { ...cal, years: [...cal.years, year2027] };
    const r = limitDeadline(withYear, start, 5);
    // Jan 1–3 off: Mon 4 is day 4, Tue 5 day 5.
    expect(showBj(r.at)).toBe('2027-01-06 00:00');
    expect(r).toMatchObject({ provisional: false, provisionalYears: [] });
  });
});

// A stand-in for the 2027 notice, which is not out yet.
const year2027 = {
  year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], published: true, source: 'test fixture',
};
