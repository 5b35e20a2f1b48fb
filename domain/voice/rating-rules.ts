/** The rating's and the follow-up's deterministic rules: 差评, the rating window, the ladder, who closes. */
import { limitDeadline } from '../calendar/deadlines';
import type { Instant } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-days';
import type { LadderThreshold } from '../oversight/ladder';
import { refuseWith } from '../oversight/vocabulary';
import { answerableLadder, checkDepartmentHandler, text } from './ladder';
import {
  FOLLOW_UP_OUTCOMES, SATISFACTION_LEVELS, type CloseFollowUpArgs, type FollowUpClosure, type FollowUpStartInput, type FollowUpStatus,
  type SatisfactionLevel,
} from './rating';

const DAY = 86_400_000;

/** 差评: dissatisfied or worse. */
export function isBadRating(level: SatisfactionLevel): boolean {
  return level === 'dissatisfied' || level === 'very-dissatisfied';
}

/** The level on the 1–5 satisfaction scale the evaluation's satisfaction indicator averages. */
export function satisfactionScore(level: SatisfactionLevel): number {
  return SATISFACTION_LEVELS.length - SATISFACTION_LEVELS.indexOf(level);
}

/** Why a case cannot be rated now, or undefined: concluded, and within `windowDays` natural days of its conclusion. */
export function ratingRefusal(concludedAt: Instant | null, now: Instant, windowDays: number): { code: 'NOT_CONCLUDED' | 'RATING_CLOSED'; reason: string } | undefined {
  if (concludedAt === null) return { code: 'NOT_CONCLUDED', reason: 'a case is rated once concluded' };
  if (now >= concludedAt + windowDays * DAY) return { code: 'RATING_CLOSED', reason: `a case is rated within ${windowDays} days of its conclusion` };
  return undefined;
}

export interface FollowUpState {
  input: FollowUpStartInput;
  closure: FollowUpClosure | null;
}

export function followUpStatus(state: FollowUpState): FollowUpStatus {
  if (!isBadRating(state.input.rating.level)) return 'none';
  return state.closure ? 'closed' : 'open';
}

export function followUpDeadline(input: FollowUpStartInput) {
  return limitDeadline(input.calendar, input.rating.ratedAt, input.limits.followUpDays);
}

/** While a 差评's follow-up is open: the same three rungs as a consultation's, on its own limit. */
export function followUpThresholds(state: FollowUpState): LadderThreshold[] {
  if (followUpStatus(state) !== 'open') return [];
  const { calendar, rating, limits } = state.input;
  return answerableLadder({
    calendar, startedAt: rating.ratedAt, days: limits.followUpDays, escalationDays: limits.escalationDays, department: rating.department,
    kinds: { warning: 'followUpWarning', overdue: 'followUpOverdue', escalated: 'followUpEscalated' },
    what: '差评 follow-up (整改/回访)',
  });
}

/** The department's supervision officer closes an open follow-up, once, with a result the applicant reads. */
export function checkClose(state: FollowUpState, args: CloseFollowUpArgs): void {
  checkDepartmentHandler(args.actor, state.input.rating.department, ['department-officer'], 'the department\'s supervision officer closes a follow-up');
  const status = followUpStatus(state);
  if (status === 'none') refuseWith('INVALID_ARGUMENT', 'a good rating has no follow-up');
  if (status === 'closed') refuseWith('ALREADY_CONCLUDED', `the follow-up of ${state.input.rating.caseNo} is closed`);
  if (!(FOLLOW_UP_OUTCOMES as readonly string[]).includes(args.outcome)) refuseWith('INVALID_ARGUMENT', `outcome must be one of ${FOLLOW_UP_OUTCOMES.join(', ')}`);
  text(args.result, 'result', 4000);
}

export function closureOf(state: FollowUpState, args: CloseFollowUpArgs, at: Instant): FollowUpClosure {
  const { calendar, rating } = state.input;
  return {
    by: { userId: args.actor.userId, ...(args.actor.name !== undefined && { name: args.actor.name }) },
    at, outcome: args.outcome, result: args.result, onTime: at < followUpDeadline(state.input).at,
    workingDays: workingDaysBetween(calendar, rating.ratedAt, at).days,
  };
}
