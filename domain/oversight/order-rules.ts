/** The supervision order's deterministic rules: its ladder over the work calendar and who may do what, when. */
import { lastWorkingDayStart, limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import type { LadderThreshold } from './ladder';
import type { Audience } from '../records/vocabulary';
import { OFFICER_POSITION, SUPERVISION_OFFICE } from '../records/vocabulary';
import { refuseWith, type OversightActor } from './vocabulary';
import {
  FINDINGS, MEASURES, RESPONSIBILITIES, type AnswerOrderArgs, type ConcludeOrderArgs, type OrderAnswer, type OrderConclusion,
  type OrderStatus, type SupervisionOrderStartInput,
} from './order';

export interface OrderState {
  input: SupervisionOrderStartInput;
  status: OrderStatus;
  answer: OrderAnswer | null;
  conclusion: OrderConclusion | null;
}

const DEFAULT_REMINDER_HOUR = 9;
const DEFAULT_LEADER_AFTER_DAYS = 2;

export function responseDeadline(input: SupervisionOrderStartInput) {
  return limitDeadline(input.calendar, input.openedAt, input.responseDays);
}

/** The department's supervision officer: the one the order is addressed to. */
export const officerOf = (department: string): Audience => ({ kind: 'assignee', role: OFFICER_POSITION, department });

/**
 * While unanswered: a reminder to the officer on the last working day, the department head
 * told at the deadline, the supervision office's leader after the further grace.
 */
export function orderThresholds(state: OrderState): LadderThreshold[] {
  if (state.status !== 'open') return [];
  const { calendar, openedAt, responseDays, department, options = {} } = state.input;
  const reminder = lastWorkingDayStart(calendar, openedAt, responseDays, options.reminderHour ?? DEFAULT_REMINDER_HOUR);
  const deadline = responseDeadline(state.input);
  const leader = limitDeadline(calendar, openedAt, responseDays + (options.leaderAfterDays ?? DEFAULT_LEADER_AFTER_DAYS));
  const officer = officerOf(department);
  const head: Audience = { kind: 'department-head', department };
  return [
    { key: 'reminder', kind: 'orderReminder', level: 'warning', at: reminder.at, provisional: reminder.provisional,
      audience: [officer], reason: 'last working day to answer the supervision order (督办提醒)' },
    { key: 'overdue', kind: 'orderOverdue', level: 'yellow', at: deadline.at, provisional: deadline.provisional,
      audience: [officer, head, { kind: 'supervision-office' }], reason: 'supervision order unanswered by its deadline: escalated to the department head' },
    { key: 'escalated', kind: 'orderEscalated', level: 'red', at: leader.at, provisional: leader.provisional,
      audience: [{ kind: 'department-leadership', department: SUPERVISION_OFFICE }, head, { kind: 'supervision-office' }],
      reason: 'supervision order still unanswered: escalated to the supervision office leader' },
  ];
}

function text(value: unknown, field: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) refuseWith('INVALID_ARGUMENT', `${field} must be 1–${max} characters`);
}

export function checkAnswer(state: OrderState, args: AnswerOrderArgs): void {
  checkOfficer(args.actor, state.input.department);
  if (state.status === 'concluded') refuseWith('ALREADY_CONCLUDED', `order ${state.input.orderId} is concluded`);
  if (state.status === 'answered') refuseWith('ALREADY_ANSWERED', `order ${state.input.orderId} was answered already`);
  text(args.answer, 'answer', 4000);
  if (args.measuresTaken !== undefined) text(args.measuresTaken, 'measuresTaken', 4000);
}

export function checkOfficer(actor: OversightActor, department: string): void {
  if (!actor.roles.includes('department-officer')) refuseWith('ROLE_NOT_ALLOWED', 'only a department supervision officer answers an order');
  if (actor.department !== department) refuseWith('DEPARTMENT_NOT_ALLOWED', `the order is addressed to ${department}`);
}

export function checkConclude(state: OrderState, args: ConcludeOrderArgs, at: Instant): void {
  if (!args.actor.roles.includes('supervisor')) refuseWith('ROLE_NOT_ALLOWED', 'only a supervisor concludes an order');
  if (state.status === 'concluded') refuseWith('ALREADY_CONCLUDED', `order ${state.input.orderId} is concluded`);
  if (state.status === 'open' && at < responseDeadline(state.input).at) {
    refuseWith('NOT_YET_OVERDUE', 'the order is unanswered and its response deadline has not passed');
  }
  if (!(FINDINGS as readonly string[]).includes(args.finding)) refuseWith('INVALID_ARGUMENT', `finding must be one of ${FINDINGS.join(', ')}`);
  if (!(RESPONSIBILITIES as readonly string[]).includes(args.responsibility)) {
    refuseWith('INVALID_ARGUMENT', `responsibility must be one of ${RESPONSIBILITIES.join(', ')}`);
  }
  if (!(MEASURES as readonly string[]).includes(args.measure)) refuseWith('INVALID_ARGUMENT', `measure must be one of ${MEASURES.join(', ')}`);
  if (args.comment !== undefined) text(args.comment, 'comment', 4000);
}

export function answerOf(state: OrderState, args: AnswerOrderArgs, at: Instant): OrderAnswer {
  const { calendar, openedAt } = state.input;
  return {
    by: { userId: args.actor.userId, ...(args.actor.name !== undefined && { name: args.actor.name }) },
    at, answer: args.answer, ...(args.measuresTaken !== undefined && { measuresTaken: args.measuresTaken }),
    onTime: at < responseDeadline(state.input).at,
    workingDays: workingDaysBetween(calendar, openedAt, at).days,
  };
}

/** The conclusion with the responsiveness that scores read: on time or late, and by how many working days. */
export function conclusionOf(state: OrderState, args: ConcludeOrderArgs, at: Instant): OrderConclusion {
  const { calendar, openedAt } = state.input;
  const answeredAt = state.answer?.at ?? at;
  const deadline = responseDeadline(state.input).at;
  const onTime = state.answer?.onTime ?? false;
  return {
    by: { userId: args.actor.userId, ...(args.actor.name !== undefined && { name: args.actor.name }) },
    at, finding: args.finding, responsibility: args.responsibility, measure: args.measure,
    ...(args.comment !== undefined && { comment: args.comment }),
    responsiveness: state.answer === null ? 'unanswered' : onTime ? 'on-time' : 'late',
    responseWorkingDays: workingDaysBetween(calendar, openedAt, answeredAt).days,
    lateWorkingDays: onTime ? 0 : Math.max(0, workingDaysBetween(calendar, deadline - 1, answeredAt).days),
  };
}
