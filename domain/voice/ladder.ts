/**
 * The ladder and the handler rule the consultation and the rating follow-up share: a limit
 * in working days answered by one department, watched like a supervision order.
 */
import { lastWorkingDayStart, limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import type { WorkCalendar } from '../calendar/schema';
import type { LadderThreshold } from '../oversight/ladder';
import { officerOf } from '../oversight/order-rules';
import { refuseWith, type OversightActor, type OversightAlertKind } from '../oversight/vocabulary';
import { SUPERVISION_OFFICE, type Audience } from '../records/vocabulary';

const WARNING_HOUR = 9;
const DEFAULT_ESCALATION_DAYS = 2;

export interface AnswerableLimit {
  calendar: WorkCalendar;
  startedAt: Instant;
  days: number;
  escalationDays?: number | undefined;
  department: string;
  kinds: { warning: OversightAlertKind; overdue: OversightAlertKind; escalated: OversightAlertKind };
  /** What is due, in the alerts' reasons. */
  what: string;
}

/**
 * Warning at 09:00 of the last working day of the limit (the department's officer), overdue
 * at its end (24:00 of the N-th working day: officer, department head, supervision office),
 * escalated `escalationDays` (default 2) working days later (the supervision office's and
 * the department's leadership).
 */
export function answerableLadder(limit: AnswerableLimit): LadderThreshold[] {
  const { calendar, startedAt, days, department, kinds, what } = limit;
  const officer = officerOf(department);
  const head: Audience = { kind: 'department-head', department };
  const office: Audience = { kind: 'supervision-office' };
  const warning = lastWorkingDayStart(calendar, startedAt, days, WARNING_HOUR);
  const deadline = limitDeadline(calendar, startedAt, days);
  const escalation = limitDeadline(calendar, startedAt, days + (limit.escalationDays ?? DEFAULT_ESCALATION_DAYS));
  return [
    { key: 'warning', kind: kinds.warning, level: 'warning', at: warning.at, provisional: warning.provisional,
      audience: [officer], reason: `last working day of the ${what} limit` },
    { key: 'overdue', kind: kinds.overdue, level: 'yellow', at: deadline.at, provisional: deadline.provisional,
      audience: [officer, head, office], reason: `${what} not given within its limit` },
    { key: 'escalated', kind: kinds.escalated, level: 'red', at: escalation.at, provisional: escalation.provisional,
      audience: [{ kind: 'department-leadership', department: SUPERVISION_OFFICE }, { kind: 'department-leadership', department }, office],
      reason: `${what} still not given: escalated to the supervision office leader` },
  ];
}

/** Only the given roles, and only in the department that answers. */
export function checkDepartmentHandler(actor: OversightActor, department: string, roles: readonly string[], rule: string): void {
  if (!actor.roles.some((r) => roles.includes(r))) refuseWith('ROLE_NOT_ALLOWED', `only ${rule}`);
  if (actor.department !== department) refuseWith('DEPARTMENT_NOT_ALLOWED', `it is for ${department}`);
}

export function text(value: unknown, field: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) refuseWith('INVALID_ARGUMENT', `${field} must be 1–${max} characters`);
}
