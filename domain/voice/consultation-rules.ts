/** The consultation's deterministic rules: its ladder over the work calendar and who answers. */
import { limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import type { LadderThreshold } from '../oversight/ladder';
import { refuseWith } from '../oversight/vocabulary';
import type { AnswerConsultationArgs, ConsultationAnswer, ConsultationStartInput } from './consultation';
import { answerableLadder, checkDepartmentHandler, text } from './ladder';

export interface ConsultationState {
  input: ConsultationStartInput;
  answer: ConsultationAnswer | null;
}

export const MAX_ANSWER_CHARS = 4000;

export function answerDeadline(input: ConsultationStartInput) {
  return limitDeadline(input.calendar, input.askedAt, input.limits.answerDays);
}

/**
 * While unanswered: a warning to the department on the last working day (09:00), overdue at
 * the end of the limit (the department head and the supervision office told), escalated to
 * the supervision office's leader after the further grace.
 */
export function consultationThresholds(state: ConsultationState): LadderThreshold[] {
  if (state.answer) return [];
  const { calendar, askedAt, limits, department } = state.input;
  return answerableLadder({
    calendar, startedAt: askedAt, days: limits.answerDays, escalationDays: limits.escalationDays, department,
    kinds: { warning: 'consultationWarning', overdue: 'consultationOverdue', escalated: 'consultationEscalated' },
    what: 'consultation (咨询) answer',
  });
}

/** A clerk or the supervision officer of the item's department answers, once. */
export function checkAnswer(state: ConsultationState, args: AnswerConsultationArgs): void {
  checkDepartmentHandler(args.actor, state.input.department, ['clerk', 'department-officer'], 'a clerk or officer of the item\'s department answers a consultation');
  if (state.answer) refuseWith('ALREADY_ANSWERED', `consultation ${state.input.consultationNo} was answered already`);
  text(args.answer, 'answer', MAX_ANSWER_CHARS);
}

export function answerOf(state: ConsultationState, args: AnswerConsultationArgs, at: Instant): ConsultationAnswer {
  const { calendar, askedAt } = state.input;
  return {
    by: { userId: args.actor.userId, ...(args.actor.name !== undefined && { name: args.actor.name }) },
    at, answer: args.answer, onTime: at < answerDeadline(state.input).at, workingDays: workingDaysBetween(calendar, askedAt, at).days,
  };
}

