/** The complaint's deterministic rules: its ladder (24 natural hours, then working days) and who may act when. */
import { lastWorkingDayStart, limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import type { LadderThreshold } from './ladder';
import type { Audience } from '../records/vocabulary';
import { SUPERVISION_OFFICE } from '../records/vocabulary';
import { refuseWith, type OversightActor } from './vocabulary';
import {
  COMPLAINT_FINDINGS, type ComplaintConclusion, type ComplaintStartInput, type ComplaintView, type ConcludeComplaintArgs,
  type RateComplaintArgs, type RespondComplaintArgs, type TransferComplaintArgs,
} from './complaint';
import { officerOf } from './order-rules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEFAULT_ESCALATION_DAYS = 2;
const DEFAULT_RATING_WINDOW_DAYS = 15;
const WARNING_HOUR = 9;

export interface ComplaintState {
  input: ComplaintStartInput;
  department: string | null;
  transfers: ComplaintView['transfers'];
  responses: ComplaintView['responses'];
  firstResponseAt: Instant | null;
  conclusion: ComplaintConclusion | null;
  rating: ComplaintView['rating'];
}

export function firstResponseDeadline(input: ComplaintStartInput): Instant {
  return input.filedAt + input.limits.firstResponseHours * HOUR;
}

export function handlingDeadline(input: ComplaintStartInput) {
  return limitDeadline(input.calendar, input.filedAt, input.limits.handlingDays);
}

export function ratingClosesAt(state: ComplaintState): Instant | null {
  if (!state.conclusion) return null;
  return state.conclusion.at + (state.input.limits.ratingWindowDays ?? DEFAULT_RATING_WINDOW_DAYS) * DAY;
}

export function statusOf(state: ComplaintState): ComplaintView['status'] {
  if (state.conclusion) return 'concluded';
  if (state.firstResponseAt !== null) return 'responded';
  return state.department === null ? 'registered' : 'transferred';
}

/**
 * Until concluded: the first response is due 24 natural hours after filing; the handling
 * limit counts working days from filing (warning on its last day, overdue at its end,
 * escalated to the supervision office's leader after the further grace). Untransferred,
 * the supervision office itself is the one answerable.
 */
export function complaintThresholds(state: ComplaintState): LadderThreshold[] {
  if (state.conclusion) return [];
  const { input } = state;
  const dept = state.department;
  const office: Audience = { kind: 'supervision-office' };
  const responsible: Audience[] = dept === null ? [office] : [officerOf(dept), { kind: 'department-head', department: dept }, office];
  const warning = lastWorkingDayStart(input.calendar, input.filedAt, input.limits.handlingDays, WARNING_HOUR);
  const deadline = handlingDeadline(input);
  const escalation = limitDeadline(input.calendar, input.filedAt, input.limits.handlingDays + (input.limits.escalationDays ?? DEFAULT_ESCALATION_DAYS));
  const thresholds: LadderThreshold[] = [
    { key: 'handlingWarning', kind: 'complaintHandlingWarning', level: 'warning', at: warning.at, provisional: warning.provisional,
      audience: dept === null ? [office] : [officerOf(dept)], reason: 'last working day of the complaint handling limit' },
    { key: 'handlingOverdue', kind: 'complaintHandlingOverdue', level: 'yellow', at: deadline.at, provisional: deadline.provisional,
      audience: responsible, reason: 'complaint not concluded within its handling limit' },
    { key: 'escalated', kind: 'complaintEscalated', level: 'red', at: escalation.at, provisional: escalation.provisional,
      audience: [{ kind: 'department-leadership', department: SUPERVISION_OFFICE }, ...(dept === null ? [] : [{ kind: 'department-leadership', department: dept } as const]), office],
      reason: 'complaint still not concluded: escalated to the supervision office leader' },
  ];
  if (state.firstResponseAt === null) {
    thresholds.unshift({
      key: 'firstResponseOverdue', kind: 'complaintFirstResponseOverdue', level: 'yellow', at: firstResponseDeadline(input), provisional: false,
      audience: responsible, reason: `no first response within ${input.limits.firstResponseHours} hours of filing`,
    });
  }
  return thresholds;
}

function text(value: unknown, field: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) refuseWith('INVALID_ARGUMENT', `${field} must be 1–${max} characters`);
}

function notConcluded(state: ComplaintState): void {
  if (state.conclusion) refuseWith('ALREADY_CONCLUDED', `complaint ${state.input.complaintNo} is concluded`);
}

/** A supervisor acts on any complaint; a department officer only on one transferred to their department. */
function checkHandler(state: ComplaintState, actor: OversightActor): void {
  if (actor.roles.includes('supervisor')) return;
  if (!actor.roles.includes('department-officer')) refuseWith('ROLE_NOT_ALLOWED', 'only a supervisor or the department\'s supervision officer handles a complaint');
  if (state.department === null) refuseWith('NOT_TRANSFERRED', 'the complaint has not been transferred to a department yet');
  if (actor.department !== state.department) refuseWith('DEPARTMENT_NOT_ALLOWED', `the complaint is with ${state.department}`);
}

export function checkTransfer(state: ComplaintState, args: TransferComplaintArgs): void {
  if (!args.actor.roles.includes('supervisor')) refuseWith('ROLE_NOT_ALLOWED', 'only a supervisor transfers a complaint');
  notConcluded(state);
  text(args.department, 'department', 64);
  if (args.department === state.department) refuseWith('ALREADY_IN_DEPARTMENT', `the complaint is with ${args.department} already`);
  if (args.note !== undefined) text(args.note, 'note', 2000);
}

export function checkRespond(state: ComplaintState, args: RespondComplaintArgs): void {
  checkHandler(state, args.actor);
  notConcluded(state);
  text(args.message, 'message', 4000);
}

export function checkConclude(state: ComplaintState, args: ConcludeComplaintArgs): void {
  checkHandler(state, args.actor);
  notConcluded(state);
  text(args.result, 'result', 4000);
  if (!(COMPLAINT_FINDINGS as readonly string[]).includes(args.finding)) refuseWith('INVALID_ARGUMENT', `finding must be one of ${COMPLAINT_FINDINGS.join(', ')}`);
}

export function checkRate(state: ComplaintState, args: RateComplaintArgs, at: Instant): void {
  if (!args.actor.roles.includes('public')) refuseWith('ROLE_NOT_ALLOWED', 'only the complainant rates a complaint');
  if (!state.conclusion) refuseWith('NOT_CONCLUDED', 'a complaint is rated once concluded');
  if (state.rating) refuseWith('ALREADY_RATED', `complaint ${state.input.complaintNo} was rated already`);
  const closes = ratingClosesAt(state);
  if (closes !== null && at >= closes) refuseWith('RATING_CLOSED', 'the rating window has closed');
  if (!Number.isInteger(args.score) || args.score < 1 || args.score > 5) refuseWith('INVALID_ARGUMENT', 'score must be an integer from 1 to 5');
  if (args.comment !== undefined) text(args.comment, 'comment', 2000);
}

export function conclusionOf(state: ComplaintState, args: ConcludeComplaintArgs, at: Instant): ComplaintConclusion {
  const { input } = state;
  return {
    by: { userId: args.actor.userId, ...(args.actor.name !== undefined && { name: args.actor.name }) },
    at, result: args.result, finding: args.finding, onTime: at < handlingDeadline(input).at,
    workingDays: workingDaysBetween(input.calendar, input.filedAt, at).days,
  };
}
