import { describe, expect, it } from 'vitest';
import {
  computeSchedule, defaultCalendar, pauseClock, resumeClock, startClock, stopClock,
  type ClockState, type Schedule, type ScheduleInput, type WorkCalendar,
} from '../../domain/index';
import { bj, showBj } from './shanghai';

const cal = defaultCalendar();
const limits = { promisedDays: 5, statutoryDays: 20, redCardGraceDays: 3 };
// Accepted Tue 2026-09-29, just before National Day (Oct 1–7 off, Sat Oct 10 worked).
// Unpaused: Wed 30 (1), Oct 8 (2), 9 (3), Sat 10 (4), Mon 12 (5) | yellow Tue 13 | red Wed 14, Thu 15, Fri 16.
const accepted = startClock(bj('2026-09-29 09:00'));

function schedule(input: Partial<ScheduleInput>, calendar: WorkCalendar = cal): Schedule {
  return computeSchedule({ limits, ...input }, calendar);
}
const ladder = (s: Schedule) => Object.fromEntries(s.thresholds.map((t) => [t.key, showBj(t.at)]));
const pausedFor = (clock: ClockState, reason: 'supplement' | 'suspension', from: string, to?: string) => {
  const paused = pauseClock(clock, reason, bj(from));
  return to === undefined ? paused : resumeClock(paused, reason, bj(to));
};

describe('the processing ladder', () => {
  it('warns on the last working day, then shows the yellow and red cards', () => {
    const s = schedule({ processing: accepted, now: bj('2026-10-12 10:00') });
    expect(ladder(s)).toEqual({ warning: '2026-10-12 00:00', yellowCard: '2026-10-14 00:00', redCard: '2026-10-17 00:00' });
    expect(showBj(s.deadline)).toBe('2026-10-13 00:00');
    // Statutory 20: … Oct 30 (19), Mon Nov 2 (20).
    expect(showBj(s.statutoryDeadline)).toBe('2026-11-03 00:00');
    expect(s).toMatchObject({ alertLevel: 'warning', provisional: false, suspended: [] });
    expect(s.next?.key).toBe('yellowCard');
    expect(s.processing).toEqual({
      workingDaysUsed: 5, pausedWorkingDays: 0, workingDaysRemaining: 0, paused: false, pauseReasons: [], stopped: false,
    });
    expect(schedule({ processing: accepted, now: bj('2026-10-14 00:00') }).alertLevel).toBe('yellow');
    expect(schedule({ processing: accepted, now: bj('2026-10-17 08:00') })).toMatchObject({ alertLevel: 'red', next: null });
  });

  it('moves every threshold by the working days of a pause spanning National Day', () => {
    // Paused days (Sep 30, Oct 9]: of them only Thu 8 and Fri 9 are working days.
    const processing = pausedFor(accepted, 'supplement', '2026-09-30 10:00', '2026-10-09 15:00');
    const s = schedule({ processing, now: bj('2026-10-12 12:00') });
    // Wed 30 (1), Sat 10 (2), Mon 12 (3), Tue 13 (4), Wed 14 (5) | yellow Thu 15 | red Fri 16, Mon 19, Tue 20.
    expect(ladder(s)).toEqual({ warning: '2026-10-14 00:00', yellowCard: '2026-10-16 00:00', redCard: '2026-10-21 00:00' });
    expect(showBj(s.deadline)).toBe('2026-10-15 00:00');
    expect(showBj(s.statutoryDeadline)).toBe('2026-11-05 00:00');
    expect(s.processing).toMatchObject({ workingDaysUsed: 3, pausedWorkingDays: 2, workingDaysRemaining: 2 });
  });

  it('counts nothing for a pause that starts and ends on the same day', () => {
    const processing = pausedFor(accepted, 'supplement', '2026-09-30 10:00', '2026-09-30 16:00');
    const s = schedule({ processing, now: bj('2026-10-12 10:00') });
    expect(showBj(s.deadline)).toBe('2026-10-13 00:00');
    expect(s.processing?.pausedWorkingDays).toBe(0);
  });

  it('counts overlapping pauses of different reasons once', () => {
    let processing = pauseClock(accepted, 'supplement', bj('2026-09-30 10:00'));
    processing = pauseClock(processing, 'suspension', bj('2026-10-08 09:00'));
    processing = resumeClock(processing, 'supplement', bj('2026-10-09 15:00'));
    processing = resumeClock(processing, 'suspension', bj('2026-10-13 11:00'));
    // (Sep 30, Oct 9] ∪ (Oct 8, Oct 13] = (Sep 30, Oct 13]: Oct 8, 9, 10, 12, 13 — five, not 2 + 4.
    const s = schedule({ processing, now: bj('2026-10-15 12:00') });
    // Wed 30 (1), then Wed 14 (2), Thu 15 (3), Fri 16 (4), Mon 19 (5).
    expect(showBj(s.deadline)).toBe('2026-10-20 00:00');
    expect(s.processing).toMatchObject({ workingDaysUsed: 3, pausedWorkingDays: 5, workingDaysRemaining: 2 });
  });

  it('holds the ladder back while a pause is open', () => {
    const processing = pausedFor(accepted, 'supplement', '2026-09-30 10:00');
    const s = schedule({ processing, now: bj('2026-10-10 12:00') });
    expect(s).toMatchObject({ thresholds: [], next: null, deadline: null, statutoryDeadline: null, alertLevel: 'normal' });
    expect(s.suspended.map((t) => t.key)).toEqual(['warning', 'yellowCard', 'redCard']);
    // Working days (Sep 29, Oct 10]: Sep 30, Oct 8, 9, 10; paused since Sep 30: Oct 8, 9, 10.
    expect(s.processing).toEqual({
      workingDaysUsed: 1, pausedWorkingDays: 3, workingDaysRemaining: 4, paused: true, pauseReasons: ['supplement'], stopped: false,
    });
  });

  it('keeps cards already shown when a case is suspended after its deadline', () => {
    const processing = pausedFor(accepted, 'suspension', '2026-10-14 09:00');
    const s = schedule({ processing, now: bj('2026-10-15 10:00') });
    expect(ladder(s)).toEqual({ warning: '2026-10-12 00:00', yellowCard: '2026-10-14 00:00' });
    expect(s.suspended.map((t) => t.key)).toEqual(['redCard']);
    expect(showBj(s.deadline)).toBe('2026-10-13 00:00');
    expect(s.statutoryDeadline).toBeNull();
    expect(s).toMatchObject({ alertLevel: 'yellow', next: null });
  });

  it('lets a pause begun on the last working day save the limit', () => {
    // Paused (Mon Oct 12, Wed Oct 14]: the deadline moves by Tue 13 and Wed 14.
    const processing = pausedFor(accepted, 'supplement', '2026-10-12 10:00', '2026-10-14 16:00');
    const s = schedule({ processing, now: bj('2026-10-14 17:00') });
    expect(showBj(s.deadline)).toBe('2026-10-15 00:00');
    expect(s).toMatchObject({ alertLevel: 'warning' });
  });

  it('stops watching at conclusion but still reports the deadline and the days used', () => {
    const processing = stopClock(accepted, bj('2026-10-09 16:00'));
    const s = schedule({ processing, now: bj('2026-10-20 10:00'), steps: [{ key: 's1', nodeId: 'n1', startedAt: bj('2026-09-29 09:00'), limitDays: 1 }] });
    expect(s.thresholds).toEqual([]);
    expect(showBj(s.deadline)).toBe('2026-10-13 00:00');
    expect(s.processing).toMatchObject({ workingDaysUsed: 3, workingDaysRemaining: 2, stopped: true, paused: false });
  });
});

describe('steps, special procedures and the supplement notice', () => {
  const review = { key: 'review-1', nodeId: 'n-review', startedAt: bj('2026-09-29 14:00'), limitDays: 3 };

  it('reminds at the start of the last working day of a step and flags it overdue after', () => {
    // Wed 30 (1), Thu Oct 8 (2), Fri Oct 9 (3).
    const s = schedule({ steps: [review], now: bj('2026-10-08 12:00') });
    expect(ladder(s)).toEqual({ 'stepReminder:review-1': '2026-10-09 00:00', 'stepOverdue:review-1': '2026-10-10 00:00' });
    expect(s.thresholds[0]).toMatchObject({ kind: 'stepReminder', ref: 'n-review', due: false, provisional: false });
    expect(ladder(schedule({ steps: [review], limits: { ...limits, stepReminderDays: 2 } }))['stepReminder:review-1']).toBe('2026-10-08 00:00');
    expect(schedule({ steps: [{ ...review, completedAt: bj('2026-10-08 10:00') }] }).thresholds).toEqual([]);
  });

  it('extends open steps by the pauses of the processing clock that follow the step start', () => {
    const processing = pausedFor(accepted, 'supplement', '2026-09-30 10:00', '2026-10-09 15:00');
    const later = { key: 'approve-1', nodeId: 'n-approve', startedAt: bj('2026-10-12 09:00'), limitDays: 2 };
    const s = schedule({ processing, steps: [review, later], now: bj('2026-10-12 09:00') });
    // review: Wed 30 (1), paused Oct 8–9, Sat 10 (2), Mon 12 (3). approve: Tue 13 (1), Wed 14 (2).
    expect(ladder(s)).toMatchObject({
      'stepReminder:review-1': '2026-10-12 00:00', 'stepOverdue:review-1': '2026-10-13 00:00',
      'stepReminder:approve-1': '2026-10-14 00:00', 'stepOverdue:approve-1': '2026-10-15 00:00',
    });
  });

  it('watches a special procedure on its own limit, whatever the processing pauses', () => {
    // Started Thu Jun 18; Dragon Boat Jun 19–21 off; Mon Jun 22 (1) … Fri Jul 3 (10).
    const expert = { key: 'sp-1', kind: 'expert-review', startedAt: bj('2026-06-18 10:00'), limitDays: 10 };
    const processing = pauseClock(startClock(bj('2026-06-15 09:00')), 'special-procedure', bj('2026-06-18 10:00'), 'sp-1');
    const s = schedule({ processing, specialProcedures: [expert], now: bj('2026-06-30 10:00') });
    expect(s.thresholds).toEqual([{
      key: 'specialProcedureOverdue:sp-1', kind: 'specialProcedureOverdue', at: bj('2026-07-04'), provisional: false, ref: 'expert-review', due: false,
    }]);
    expect(schedule({ specialProcedures: [{ ...expert, endedAt: bj('2026-06-25 10:00') }] }).thresholds).toEqual([]);
  });

  it('flags the supplement notice overdue five working days after submission', () => {
    // Submitted Fri Feb 13: Sat 14 (1), Spring Festival, Tue 24 (2) … Fri 27 (5).
    const submittedAt = bj('2026-02-13 16:00');
    const s = schedule({ submittedAt, now: bj('2026-02-28 09:00') });
    expect(s.thresholds).toEqual([{
      key: 'supplementNoticeOverdue', kind: 'supplementNoticeOverdue', at: bj('2026-02-28'), provisional: false, due: true,
    }]);
    expect(s.alertLevel).toBe('normal');
    expect(schedule({ submittedAt, supplementNoticeResolvedAt: bj('2026-02-24 10:00') }).thresholds).toEqual([]);
    expect(schedule({ submittedAt, processing: startClock(bj('2026-02-24 10:00')) }).thresholds.map((t) => t.key))
      .not.toContain('supplementNoticeOverdue');
  });
});

describe('schedule over an unpublished year', () => {
  const processing = startClock(bj('2026-12-28 10:00'));
  const year2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], published: true, source: 'test fixture' };

  it('is provisional until the year is published, then recomputes', () => {
    const before = schedule({ processing, now: bj('2026-12-30 10:00') });
    expect(showBj(before.deadline)).toBe('2027-01-05 00:00');
    expect(before).toMatchObject({ provisional: true, provisionalYears: [2027] });
    expect(before.thresholds.every((t) => t.provisional)).toBe(true);
    const after = schedule({ processing, now: bj('2026-12-30 10:00') }, { ...cal, years: [...cal.years, year2027] });
    expect(showBj(after.deadline)).toBe('2027-01-06 00:00');
    expect(after).toMatchObject({ provisional: false, provisionalYears: [] });
  });
});

describe('schedule shape', () => {
  it('sorts thresholds, gives the first as next without now, and leaves due false', () => {
    const s = schedule({ processing: accepted, steps: [{ key: 'x', nodeId: 'n', startedAt: bj('2026-09-29 09:00'), limitDays: 5 }] });
    const ats = s.thresholds.map((t) => t.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    // Same instant: the ladder comes before the step's.
    expect(s.thresholds.map((t) => t.key).slice(0, 2)).toEqual(['warning', 'stepReminder:x']);
    expect(s.next).toBe(s.thresholds[0]);
    expect(s.thresholds.some((t) => t.due)).toBe(false);
  });

  it('rejects impossible limits', () => {
    expect(() => schedule({ limits: { ...limits, promisedDays: -1 } })).toThrow(expect.objectContaining({ code: 'invalid-count' }));
    expect(() => schedule({ limits: { ...limits, warningHour: 25 } })).toThrow(expect.objectContaining({ code: 'invalid-hour' }));
  });
});
