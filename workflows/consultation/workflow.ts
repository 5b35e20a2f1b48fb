/**
 * The consultation workflow (咨询): one per question about an item, routed to the item's
 * department, which answers within a limit in working days watched by its own ladder
 * (warning, overdue, escalated). The workflow ends with the answer.
 *
 * Versioning: a change that alters the commands issued for a history already written is
 * guarded with `patched('<yyyy-mm-dd>-<what>')`.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarChangedSignal } from '../case/contract';
import { Journal, registerAction, runLadder } from '../shared/journal';
import { startOutbox } from '../shared/outbox';
import { notifier, recorder } from '../shared/proxies';
import {
  answerConsultationUpdate, consultationStateQuery, type ConsultationResult, type ConsultationStartInput, type ConsultationView,
} from './contract';
import { answerDeadline, answerOf, checkAnswer, consultationThresholds, type ConsultationState } from '../../domain/voice/consultation-rules';
import { officerOf } from '../../domain/oversight/order-rules';

function viewOf(state: ConsultationState, journal: Journal, now: number): ConsultationView {
  const { calendar: _calendar, limits, ...input } = state.input;
  const deadline = answerDeadline(state.input);
  const next = journal.next(consultationThresholds(state), now);
  return {
    ...input, answerDays: limits.answerDays, answerDeadline: deadline.at, provisional: deadline.provisional,
    status: state.answer ? 'answered' : 'open', answer: state.answer, level: journal.level(), alerts: [...journal.alerts],
    next: next ? { key: next.key, at: next.at } : null, history: [...journal.history], seq: journal.seq,
  };
}

export async function consultationWorkflow(input: ConsultationStartInput): Promise<ConsultationResult> {
  const state: ConsultationState = { input, answer: null };
  const journal = new Journal('consultation', input.consultationNo);

  journal.emit('asked', input.askedAt, `question on ${input.itemCode} (${input.channel})${input.registeredBy ? ` registered by ${input.registeredBy.name ?? input.registeredBy.userId}` : ''}`, {
    ...(input.registeredBy && { actorId: input.registeredBy.userId }), payload: { channel: input.channel, itemCode: input.itemCode },
  });
  journal.notice(input.askedAt, {
    audience: [officerOf(input.department), { kind: 'assignee', role: 'clerk', department: input.department }],
    title: `咨询 ${input.consultationNo}: ${input.itemName}`, body: input.question,
  });

  registerAction(journal, answerConsultationUpdate, {
    check: (args) => checkAnswer(state, args),
    apply: (args, at) => {
      state.answer = answerOf(state, args, at);
      journal.emit('answered', at, `answered (${state.answer.onTime ? 'in time' : 'late'}, ${state.answer.workingDays} working days)`, {
        actorId: args.actor.userId, payload: { onTime: state.answer.onTime, workingDays: state.answer.workingDays },
      });
      return { consultationNo: input.consultationNo, idempotencyKey: args.idempotencyKey, status: 'answered' as const, at, eventSeq: journal.seq };
    },
  });
  setHandler(consultationStateQuery, () => viewOf(state, journal, Date.now()));
  setHandler(calendarChangedSignal, ({ calendar, reason }) => {
    state.input = { ...state.input, calendar };
    journal.emit('calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    journal.changed();
  });

  const outbox = startOutbox(journal, {
    record: async (events) => {
      const { history: _history, ...consultation } = viewOf(state, journal, Date.now());
      return await recorder.recordConsultation({ events, consultation: { ...consultation, updatedAt: Date.now() } });
    },
    deliver: (alert) => notifier.deliverOversightAlert({ alert }),
    emitFailure: (at, summary, payload) => journal.emit('notificationFailed', at, summary, { payload }),
  });

  await runLadder(journal, {
    thresholds: () => consultationThresholds(state),
    about: () => ({ caseNo: null, itemCode: input.itemCode, department: input.department }),
    done: () => state.answer !== null,
  });
  await condition(allHandlersFinished);
  await outbox.close();
  if (!state.answer) throw new Error('unreachable: the ladder ends only with the answer');
  return { consultationNo: input.consultationNo, answer: state.answer };
}
