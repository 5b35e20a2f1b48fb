import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/chinese-days';
import { causeEnded, type OpenCauses } from '../../../domain/ladder/closing';
import { isLocked, locksOn } from '../../../domain/ladder/lock';
import { DEFAULT_PAUSE_LIMITS, pauseLimitsOf, pauseThresholds } from '../../../domain/ladder/pause-limits';
import { bj, showBj } from '../shanghai';

const calendar = defaultCalendar();

describe('flow locking', () => {
  it('locks on the card the policy names, red by default', () => {
    expect(locksOn(undefined, 'redCard')).toBe(true);
    expect(locksOn(undefined, 'yellowCard')).toBe(false);
    expect(locksOn('yellow-card', 'yellowCard')).toBe(true);
    expect(locksOn('yellow-card', 'redCard')).toBe(true);
    expect(locksOn('never', 'redCard')).toBe(false);
    expect(locksOn('red-card', 'stepOverdue')).toBe(false);
  });

  it('lets clerks work only while an order\'s response period runs, and never again once unlocked', () => {
    const lock = { since: bj('2026-11-18'), card: 'yellowCard' as const };
    expect(isLocked(null, bj('2026-11-18 09:00'))).toBe(false);
    expect(isLocked(lock, bj('2026-11-18 09:00'))).toBe(true);
    const order = { ...lock, order: { orderId: 'DB-1', from: bj('2026-11-18 09:30'), until: bj('2026-11-20') } };
    expect(isLocked(order, bj('2026-11-18 09:00'))).toBe(true);
    expect(isLocked(order, bj('2026-11-19 23:59'))).toBe(false);
    expect(isLocked(order, bj('2026-11-20'))).toBe(true);
    expect(isLocked({ ...lock, order: { orderId: 'DB-2', from: bj('2026-11-18 09:30'), until: null } }, bj('2027-01-01'))).toBe(false);
    expect(isLocked({ ...lock, unlocked: { at: bj('2026-11-18 10:00'), by: 's', reason: 'r' } }, bj('2026-11-30'))).toBe(false);
  });
});

describe('pause limits', () => {
  it('takes the item\'s own limits over the defaults', () => {
    expect(pauseLimitsOf({})).toEqual(DEFAULT_PAUSE_LIMITS);
    expect(pauseLimitsOf({ pauseLimits: { suspensionDays: 5 } })).toMatchObject({ suspensionDays: 5, supplementDays: 15 });
  });

  it('counts an open suspension from the next day: reminder, overdue and flag; none once it has ended', () => {
    // Suspended Wed 2026-11-04: Nov 5 (1), 6, 9, 10, 11 (5); reminder 2 before: start of Nov 10; flag after 8: Nov 16 (8).
    const limits = { ...DEFAULT_PAUSE_LIMITS, suspensionDays: 5, reminderDays: 2, flagAfterDays: 8 };
    const open = [{ key: 'suspension#1', kind: 'suspension' as const, from: bj('2026-11-04 10:00'), reasonCode: 'other', reason: 'x' }];
    const shown = pauseThresholds(open, limits, calendar).map((t) => [t.key, showBj(t.at)]);
    expect(shown).toEqual([
      ['pauseReminder:suspension#1', '2026-11-10 00:00'],
      ['pauseOverdue:suspension#1', '2026-11-12 00:00'],
      ['pauseFlag:suspension#1', '2026-11-17 00:00'],
    ]);
    expect(pauseThresholds([{ ...open[0]!, to: bj('2026-11-05 10:00') }], limits, calendar)).toEqual([]);
  });
});

describe('closing thresholds whose cause has ended', () => {
  const open: OpenCauses = {
    concluded: false, steps: new Set(['review#1']), pauses: new Set(['supplement#1']), specialProcedures: new Set(), supplementNoticeResolved: true,
  };
  it('closes a completed step\'s, an ended pause\'s and everything of a concluded case', () => {
    expect(causeEnded('stepOverdue:undertake#1', open)).toBe(true);
    expect(causeEnded('stepOverdue:review#1', open)).toBe(false);
    expect(causeEnded('pauseOverdue:suspension#1', open)).toBe(true);
    expect(causeEnded('pauseReminder:supplement#1', open)).toBe(false);
    expect(causeEnded('supplementNoticeOverdue', open)).toBe(true);
    expect(causeEnded('yellowCard', open)).toBe(false);
    expect(causeEnded('yellowCard', { ...open, concluded: true })).toBe(true);
  });
});
