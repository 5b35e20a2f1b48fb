import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { checkDispose, checkObject, findingCounter, objectionClosesAt, settled, type AnomalyState } from '../../domain/oversight/anomaly-rules';
import { Refused } from '../../domain/refusal';

const HOUR = 3_600_000;
// Monday 2026-03-02 10:00 +08:00; no holiday in the two weeks after.
const at = Date.UTC(2026, 2, 2, 2);
const officer = (department: string) => ({ userId: 'o', roles: ['department-officer'], department });
const supervisor = { userId: 's', roles: ['supervisor'], department: null };
const state = (): AnomalyState => ({
  input: {
    anomalyId: 'A', caseNo: 'C', itemCode: 'i', department: 'health', kind: 'risk-documents-missing', at, reason: 'r', actorId: null,
    calendar: defaultCalendar(), limits: { dispositionDays: 5, objectionDays: 3, decisionDays: 5 },
  },
  disposition: { outcome: 'confirmed', text: 't', responsibility: { kind: 'department', measure: 'm' }, by: 's', at: at + HOUR },
  objection: null,
  decision: null,
});
const code = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Refused) return error.refusal.code;
    throw error;
  }
  return 'accepted';
};

describe('anomaly disposition rules', () => {
  it('closes the objection limit at the end of the third working day after the finding', () => {
    const closes = Date.UTC(2026, 2, 5, 16); // Friday 00:00 +08:00: Tuesday, Wednesday, Thursday
    expect(objectionClosesAt(state())).toBe(closes);
    expect(code(() => checkObject(state(), { idempotencyKey: 'k', actor: officer('health'), grounds: 'g' }, closes - 1))).toBe('accepted');
    expect(code(() => checkObject(state(), { idempotencyKey: 'k', actor: officer('health'), grounds: 'g' }, closes))).toBe('OBJECTION_CLOSED');
    expect(settled(state(), closes - 1)).toBe(false);
    expect(settled(state(), closes)).toBe(true);
  });

  it('takes one objection, from the anomaly\'s own department only', () => {
    expect(code(() => checkObject(state(), { idempotencyKey: 'k', actor: officer('police'), grounds: 'g' }, at + 2 * HOUR))).toBe('DEPARTMENT_NOT_ALLOWED');
    const objected = { ...state(), objection: { grounds: 'g', by: 'o', at: at + 2 * HOUR } };
    expect(code(() => checkObject(objected, { idempotencyKey: 'k', actor: officer('health'), grounds: 'g' }, at + 3 * HOUR))).toBe('ALREADY_OBJECTED');
  });

  it('needs a responsibility finding for a confirmation and none otherwise', () => {
    const open = { ...state(), disposition: null };
    const base = { idempotencyKey: 'k', actor: supervisor, text: 't' };
    expect(code(() => checkDispose(open, { ...base, outcome: 'confirmed' }))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkDispose(open, { ...base, outcome: 'confirmed', responsibility: { kind: 'person', measure: 'm' } }))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkDispose(open, { ...base, outcome: 'dismissed', responsibility: { kind: 'department', measure: 'm' } }))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkDispose(open, { ...base, outcome: 'confirmed', responsibility: { kind: 'person', userId: 'u', measure: 'm' } }))).toBe('accepted');
  });

  it('counts a finding under its kind\'s counter', () => {
    expect(['fee-mismatch', 'risk-documents-missing', 'outside-rights', 'returned'].map(findingCounter))
      .toEqual(['anomaliesConfirmedFee', 'anomaliesConfirmedRiskPoint', 'anomaliesConfirmedOutsideRights', 'anomaliesConfirmedOther']);
  });
});
