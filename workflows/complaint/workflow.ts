/**
 * The complaint workflow (投诉): one per complaint, filed by the public or registered by staff.
 * A supervisor transfers it to a department, whose officer responds and concludes; the
 * complainant rates it. Its own ladder watches the 24-hour first response and the handling
 * limit in working days. The workflow ends when rated or when the rating window closes.
 *
 * Versioning: as for the case workflow, a change that alters the commands issued for a
 * history already written is guarded with `patched('<yyyy-mm-dd>-<what>')`.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { calendarChangedSignal } from '../case/contract';
import { Journal, registerAction, runLadder } from '../shared/journal';
import { startOutbox } from '../shared/outbox';
import {
  complaintStateQuery, concludeComplaintUpdate, rateComplaintUpdate, respondComplaintUpdate, transferComplaintUpdate,
  type ComplaintResult, type ComplaintStartInput, type ComplaintView,
} from './contract';
import {
  checkConclude, checkRate, checkRespond, checkTransfer, complaintThresholds, conclusionOf, firstResponseDeadline, handlingDeadline,
  ratingClosesAt, statusOf, type ComplaintState,
} from '../../domain/oversight/complaint-rules';
import { officerOf } from '../../domain/oversight/order-rules';
import { SUPERVISION_OFFICE } from '../../domain/records/vocabulary';
import { notifier, recorder } from '../shared/proxies';

function viewOf(state: ComplaintState, journal: Journal, now: number): ComplaintView {
  const { input } = state;
  const handling = handlingDeadline(input);
  const firstDue = firstResponseDeadline(input);
  const next = journal.next(complaintThresholds(state), now);
  return {
    complaintNo: input.complaintNo, queryCode: input.queryCode, channel: input.channel, complainant: input.complainant,
    content: input.content, about: input.about, filedAt: input.filedAt, registeredBy: input.registeredBy ?? null,
    department: state.department, status: statusOf(state), transfers: [...state.transfers], responses: [...state.responses],
    firstResponseAt: state.firstResponseAt, firstResponseDeadline: firstDue,
    firstResponseOnTime: state.firstResponseAt === null ? null : state.firstResponseAt <= firstDue,
    handlingDeadline: handling.at, provisional: handling.provisional, conclusion: state.conclusion, rating: state.rating,
    ratingClosesAt: ratingClosesAt(state), level: journal.level(), alerts: [...journal.alerts],
    next: next ? { key: next.key, at: next.at } : null, history: [...journal.history], seq: journal.seq,
  };
}

export async function complaintWorkflow(input: ComplaintStartInput): Promise<ComplaintResult> {
  const state: ComplaintState = {
    input, department: null, transfers: [], responses: [], firstResponseAt: null, conclusion: null, rating: null,
  };
  const journal = new Journal('complaint', input.complaintNo);
  const result = (key: string, at: number) => ({ complaintNo: input.complaintNo, idempotencyKey: key, status: statusOf(state), at, eventSeq: journal.seq });

  journal.emit('filed', input.filedAt, `complaint filed (${input.channel})${input.registeredBy ? ` by ${input.registeredBy.name ?? input.registeredBy.userId}` : ''}`, {
    ...(input.registeredBy && { actorId: input.registeredBy.userId }), payload: { channel: input.channel, about: input.about },
  });
  journal.notice(input.filedAt, {
    audience: [{ kind: 'supervision-office' }], title: `投诉 ${input.complaintNo} filed (${input.channel})`, body: input.content,
  });

  registerAction(journal, transferComplaintUpdate, {
    check: (args) => checkTransfer(state, args),
    apply: (args, at) => {
      state.department = args.department;
      state.transfers.push({ department: args.department, by: args.actor.userId, at, ...(args.note !== undefined && { note: args.note }) });
      journal.emit('transferred', at, `transferred to ${args.department}`, { actorId: args.actor.userId, payload: { department: args.department } });
      journal.notice(at, {
        audience: [officerOf(args.department)], title: `投诉 ${input.complaintNo} transferred to ${args.department}`,
        body: `${input.content}${args.note ? `\n${args.note}` : ''}`,
      }, args.actor.userId);
      return result(args.idempotencyKey, at);
    },
  });
  registerAction(journal, respondComplaintUpdate, {
    check: (args) => checkRespond(state, args),
    apply: (args, at) => {
      const first = state.firstResponseAt === null;
      if (first) state.firstResponseAt = at;
      state.responses.push({ by: args.actor.userId, at, message: args.message });
      const onTime = at <= firstResponseDeadline(input);
      journal.emit('responded', at, first ? `first response (${onTime ? 'within' : 'after'} ${input.limits.firstResponseHours} h)` : 'further response', {
        actorId: args.actor.userId, payload: { first, ...(first && { onTime }) },
      });
      return result(args.idempotencyKey, at);
    },
  });
  registerAction(journal, concludeComplaintUpdate, {
    check: (args) => checkConclude(state, args),
    apply: (args, at) => {
      if (state.firstResponseAt === null) state.firstResponseAt = at;
      state.conclusion = conclusionOf(state, args, at);
      journal.emit('concluded', at, `concluded (${state.conclusion.finding}, ${state.conclusion.onTime ? 'on time' : 'late'})`, {
        actorId: args.actor.userId, payload: { conclusion: state.conclusion },
      });
      journal.notice(at, {
        audience: [{ kind: 'supervision-office' }], title: `投诉 ${input.complaintNo} concluded by ${state.department ?? SUPERVISION_OFFICE}`,
        body: args.result,
      }, args.actor.userId);
      return result(args.idempotencyKey, at);
    },
  });
  registerAction(journal, rateComplaintUpdate, {
    check: (args, at) => checkRate(state, args, at),
    apply: (args, at) => {
      state.rating = { score: args.score, at, ...(args.comment !== undefined && { comment: args.comment }) };
      journal.emit('rated', at, `rated ${args.score}/5 by the complainant`, { payload: { score: args.score } });
      return result(args.idempotencyKey, at);
    },
  });
  setHandler(complaintStateQuery, () => viewOf(state, journal, Date.now()));
  // A calendar published or changed: the handling limit's instants are recomputed from it.
  setHandler(calendarChangedSignal, ({ calendar, reason }) => {
    state.input = { ...state.input, calendar };
    journal.emit('calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    journal.changed();
  });

  const outbox = startOutbox(journal, {
    record: async (events) => {
      const { history: _history, ...complaint } = viewOf(state, journal, Date.now());
      return await recorder.recordComplaint({ events, complaint: { ...complaint, updatedAt: Date.now() } });
    },
    deliver: (alert) => notifier.deliverOversightAlert({ alert }),
    emitFailure: (at, summary, payload) => journal.emit('notificationFailed', at, summary, { payload }),
  });

  await runLadder(journal, {
    thresholds: () => complaintThresholds(state),
    about: () => ({ caseNo: input.about.caseNo ?? null, itemCode: input.about.itemCode ?? null, department: state.department ?? SUPERVISION_OFFICE }),
    done: (now) => state.rating !== null || (state.conclusion !== null && now >= (ratingClosesAt(state) ?? Infinity)),
    wakeAt: () => ratingClosesAt(state),
  });
  if (state.rating === null) journal.emit('ratingClosed', Date.now(), 'rating window closed without a rating');
  await condition(allHandlersFinished);
  await outbox.close();
  if (!state.conclusion) throw new Error('unreachable: the ladder ends only after the conclusion');
  return { complaintNo: input.complaintNo, conclusion: state.conclusion, rating: state.rating };
}
