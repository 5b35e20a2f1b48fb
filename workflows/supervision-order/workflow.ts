/**
 * The supervision-order workflow (督办): one per order. The department's supervision officer
 * answers, a supervisor concludes; while unanswered the order's own ladder reminds the
 * officer and escalates to the department head, then to the supervision office's leader.
 * The case it concerns hears of every step through its supervision-order signal.
 *
 * Versioning: as for the case workflow, a change that alters the commands issued for a
 * history already written is guarded with `patched('<yyyy-mm-dd>-<what>')`.
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, log, setHandler } from '@temporalio/workflow';
import { caseWorkflowId } from '../../config/temporal';
import { calendarChangedSignal, supervisionOrderSignal, type SupervisionOrderSignal } from '../case/contract';
import { Journal, registerAction, runLadder } from '../shared/journal';
import { startOutbox } from '../shared/outbox';
import {
  answerOrderUpdate, concludeOrderUpdate, orderStateQuery, type SupervisionOrderResult, type SupervisionOrderStartInput,
  type SupervisionOrderView,
} from './contract';
import { answerOf, checkAnswer, checkConclude, conclusionOf, officerOf, orderThresholds, responseDeadline, type OrderState } from '../../domain/oversight/order-rules';
import { notifier, recorder } from '../shared/proxies';

function viewOf(state: OrderState, journal: Journal, caseNotified: SupervisionOrderView['caseNotified'], now: number): SupervisionOrderView {
  const { input } = state;
  const deadline = responseDeadline(input);
  const next = journal.next(orderThresholds(state), now);
  return {
    orderId: input.orderId, subject: input.subject, caseNo: input.subject.caseNo, itemCode: input.itemCode, department: input.department,
    title: input.title, requirement: input.requirement, openedBy: input.openedBy, openedAt: input.openedAt,
    responseDays: input.responseDays, responseDeadline: deadline.at, provisional: deadline.provisional, status: state.status,
    level: journal.level(), answer: state.answer, conclusion: state.conclusion, alerts: [...journal.alerts],
    next: next ? { key: next.key, at: next.at } : null, caseNotified: [...caseNotified], history: [...journal.history], seq: journal.seq,
  };
}

export async function supervisionOrderWorkflow(input: SupervisionOrderStartInput): Promise<SupervisionOrderResult> {
  const state: OrderState = { input, status: 'open', answer: null, conclusion: null };
  const journal = new Journal('supervision-order', input.orderId);
  const caseNotices: SupervisionOrderSignal[] = [];
  const caseNotified: SupervisionOrderView['caseNotified'] = [];
  const deadline = responseDeadline(input).at; // as announced at opening
  const department = input.department;

  journal.emit('opened', input.openedAt, `supervision order opened on ${input.subject.caseNo}: ${input.title}`, {
    actorId: input.openedBy.userId, payload: { subject: input.subject, responseDays: input.responseDays, responseDeadline: deadline },
  });
  journal.notice(input.openedAt, {
    audience: [officerOf(department), { kind: 'department-head', department }],
    title: `督办 ${input.orderId}: ${input.title}`,
    body: `${input.requirement}\nanswer by ${new Date(deadline).toISOString()}`,
  }, input.openedBy.userId);
  caseNotices.push({ orderId: input.orderId, event: 'opened', by: input.openedBy, message: input.title, responseDeadline: deadline, at: input.openedAt });

  registerAction(journal, answerOrderUpdate, {
    check: (args) => checkAnswer(state, args),
    apply: (args, at) => {
      state.answer = answerOf(state, args, at);
      state.status = 'answered';
      journal.emit('answered', at, `answered ${state.answer.onTime ? 'on time' : 'late'} by ${args.actor.name ?? args.actor.userId}`, {
        actorId: args.actor.userId, payload: { onTime: state.answer.onTime, workingDays: state.answer.workingDays },
      });
      journal.notice(at, { audience: [{ kind: 'supervision-office' }], title: `督办 ${input.orderId} answered by ${department}`, body: args.answer }, args.actor.userId);
      caseNotices.push({ orderId: input.orderId, event: 'answered', by: { userId: args.actor.userId }, message: args.answer, at });
      return { orderId: input.orderId, idempotencyKey: args.idempotencyKey, status: state.status, at, eventSeq: journal.seq };
    },
  });
  registerAction(journal, concludeOrderUpdate, {
    check: (args, at) => checkConclude(state, args, at),
    apply: (args, at) => {
      state.conclusion = conclusionOf(state, args, at);
      state.status = 'concluded';
      const c = state.conclusion;
      journal.emit('concluded', at, `concluded: ${c.finding}, responsibility ${c.responsibility}, measure ${c.measure} (${c.responsiveness})`, {
        actorId: args.actor.userId, payload: { conclusion: c },
      });
      journal.notice(at, { audience: [officerOf(department)], title: `督办 ${input.orderId} concluded`, body: `${c.finding}; ${c.measure}` }, args.actor.userId);
      caseNotices.push({ orderId: input.orderId, event: 'concluded', by: { userId: args.actor.userId }, message: `${c.finding}; ${c.measure}`, at });
      return { orderId: input.orderId, idempotencyKey: args.idempotencyKey, status: state.status, at, eventSeq: journal.seq };
    },
  });
  setHandler(orderStateQuery, () => viewOf(state, journal, caseNotified, Date.now()));
  // A calendar published or changed: the ladder's instants are recomputed from it.
  setHandler(calendarChangedSignal, ({ calendar, reason }) => {
    state.input = { ...state.input, calendar };
    journal.emit('calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    journal.changed();
  });

  const outbox = startOutbox(journal, {
    record: async (events) => {
      const { history: _history, ...order } = viewOf(state, journal, caseNotified, Date.now());
      return await recorder.recordSupervisionOrder({ events, order: { ...order, updatedAt: Date.now() } });
    },
    deliver: (alert) => notifier.deliverOversightAlert({ alert }),
    emitFailure: (at, summary, payload) => journal.emit('notificationFailed', at, summary, { payload }),
  });

  // The case hears of the order by signal; a case that has ended cannot, which is recorded, not thrown.
  let closing = false;
  const notifyingCase = (async () => {
    for (;;) {
      await condition(() => caseNotices.length > 0 || closing);
      const notice = caseNotices.shift();
      if (!notice) return;
      let delivered = true;
      try {
        await getExternalWorkflowHandle(caseWorkflowId(input.subject.caseNo)).signal(supervisionOrderSignal, notice);
      } catch (error) {
        delivered = false;
        log.warn('case not told of the supervision order', { orderId: input.orderId, error: String(error) });
        journal.emit('caseNotNotified', Date.now(), `case ${input.subject.caseNo} could not be told (${notice.event})`, { payload: { event: notice.event } });
      }
      caseNotified.push({ event: notice.event, delivered });
      journal.changed();
    }
  })();

  await runLadder(journal, {
    thresholds: () => orderThresholds(state),
    about: () => ({ caseNo: input.subject.caseNo, itemCode: input.itemCode, department }),
    done: () => state.status === 'concluded',
  });
  await condition(allHandlersFinished);
  closing = true;
  await notifyingCase;
  await outbox.close();
  if (!state.conclusion) throw new Error('unreachable: the ladder ends only when the order is concluded');
  return { orderId: input.orderId, conclusion: state.conclusion };
}
