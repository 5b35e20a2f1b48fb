/**
 * The rating follow-up workflow (好差评): one per rated case, started by the applicant's
 * rating, so a case is rated once. It records the rating (which feeds the satisfaction
 * indicator); a good rating ends there. A 差评 (dissatisfied or worse) opens a follow-up
 * (整改/回访) that the department's supervision officer closes with a result the applicant
 * reads, within its own limit in working days watched by its own ladder.
 *
 * Versioning: a change that alters the commands issued for a history already written is
 * guarded with `patched('<yyyy-mm-dd>-<what>')`.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarChangedSignal } from '../case/contract';
import { Journal, registerAction, runLadder } from '../shared/journal';
import { startOutbox } from '../shared/outbox';
import { notifier, recorder } from '../shared/proxies';
import { closeFollowUpUpdate, followUpStateQuery, type FollowUpResult, type FollowUpStartInput, type FollowUpView } from './contract';
import {
  checkClose, closureOf, followUpDeadline, followUpStatus, followUpThresholds, isBadRating, type FollowUpState,
} from '../../domain/voice/rating-rules';
import { officerOf } from '../../domain/oversight/order-rules';

function viewOf(state: FollowUpState, journal: Journal, now: number): FollowUpView {
  const bad = isBadRating(state.input.rating.level);
  const deadline = bad ? followUpDeadline(state.input) : null;
  const next = journal.next(followUpThresholds(state), now);
  return {
    rating: state.input.rating, status: followUpStatus(state), followUpDays: state.input.limits.followUpDays, deadline: deadline?.at ?? null,
    provisional: deadline?.provisional ?? false, closure: state.closure, level: journal.level(), alerts: [...journal.alerts],
    next: next ? { key: next.key, at: next.at } : null, history: [...journal.history], seq: journal.seq,
  };
}

export async function followUpWorkflow(input: FollowUpStartInput): Promise<FollowUpResult> {
  const state: FollowUpState = { input, closure: null };
  const { rating } = input;
  const journal = new Journal('follow-up', rating.caseNo);

  journal.emit('rated', rating.ratedAt, `rated ${rating.level} by the applicant`, { payload: { level: rating.level, reasons: rating.reasons } });
  if (isBadRating(rating.level)) {
    journal.emit('opened', rating.ratedAt, `follow-up opened (${input.limits.followUpDays} working days)`, { payload: { followUpDays: input.limits.followUpDays } });
    journal.notice(rating.ratedAt, {
      audience: [officerOf(rating.department), { kind: 'department-head', department: rating.department }],
      title: `差评 ${rating.caseNo}: ${rating.itemName}`, body: `${rating.reasons.join(', ')}${rating.comment ? `\n${rating.comment}` : ''}`,
    });
  }

  registerAction(journal, closeFollowUpUpdate, {
    check: (args) => checkClose(state, args),
    apply: (args, at) => {
      state.closure = closureOf(state, args, at);
      journal.emit('closed', at, `follow-up closed (${args.outcome}, ${state.closure.onTime ? 'in time' : 'late'})`, {
        actorId: args.actor.userId, payload: { outcome: args.outcome, onTime: state.closure.onTime },
      });
      return { caseNo: rating.caseNo, idempotencyKey: args.idempotencyKey, status: followUpStatus(state), at, eventSeq: journal.seq };
    },
  });
  setHandler(followUpStateQuery, () => viewOf(state, journal, Date.now()));
  setHandler(calendarChangedSignal, ({ calendar, reason }) => {
    state.input = { ...state.input, calendar };
    journal.emit('calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    journal.changed();
  });

  const outbox = startOutbox(journal, {
    record: async (events) => {
      const { history: _history, ...followUp } = viewOf(state, journal, Date.now());
      return await recorder.recordFollowUp({ events, followUp: { ...followUp, updatedAt: Date.now() } });
    },
    deliver: (alert) => notifier.deliverOversightAlert({ alert }),
    emitFailure: (at, summary, payload) => journal.emit('notificationFailed', at, summary, { payload }),
  });

  await runLadder(journal, {
    thresholds: () => followUpThresholds(state),
    about: () => ({ caseNo: rating.caseNo, itemCode: rating.itemCode, department: rating.department }),
    done: () => followUpStatus(state) !== 'open',
  });
  await condition(allHandlersFinished);
  await outbox.close();
  return { caseNo: rating.caseNo, status: followUpStatus(state), closure: state.closure };
}
