/**
 * The anomaly disposition workflow (异常处置): one per anomaly, its own clock on the shared
 * engine. A supervisor explains, confirms (with a responsibility finding) or dismisses the
 * anomaly; the department may object to a finding once within its limit, and a supervisor
 * decides. An anomaly still open past its limit, or an objection undecided past its limit,
 * is reminded like an alert. A finding that stands is recorded once for the scores.
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
  anomalyStateQuery, decideObjectionUpdate, disposeAnomalyUpdate, objectAnomalyUpdate,
  type AnomalyResult, type AnomalyStartInput, type AnomalyDispositionView,
} from './contract';
import {
  anomalyThresholds, checkDecide, checkDispose, checkObject, dispositionDeadline, findingCounter, findingFinal, objectionClosesAt, officerOf,
  settled, statusOf, type AnomalyState,
} from '../../domain/oversight/anomaly-rules';
import { SUPERVISION_OFFICE } from '../../domain/records/vocabulary';

function viewOf(state: AnomalyState, journal: Journal, now: number): AnomalyDispositionView {
  const { calendar: _calendar, limits: _limits, ...anomaly } = state.input;
  const due = dispositionDeadline(state.input);
  const next = journal.next(anomalyThresholds(state), now);
  return {
    ...anomaly, status: statusOf(state), disposition: state.disposition, objection: state.objection, decision: state.decision,
    dispositionDeadline: due.at, provisional: due.provisional, objectionClosesAt: objectionClosesAt(state), findingFinal: findingFinal(state, now),
    level: journal.level(), alerts: [...journal.alerts], next: next ? { key: next.key, at: next.at } : null, history: [...journal.history], seq: journal.seq,
  };
}

export async function anomalyWorkflow(input: AnomalyStartInput): Promise<AnomalyResult> {
  const state: AnomalyState = { input, disposition: null, objection: null, decision: null };
  const journal = new Journal('anomaly', input.anomalyId);
  const result = (key: string, at: number) => ({ anomalyId: input.anomalyId, idempotencyKey: key, status: statusOf(state), at, eventSeq: journal.seq });

  registerAction(journal, disposeAnomalyUpdate, {
    check: (args) => checkDispose(state, args),
    apply: (args, at) => {
      state.disposition = { outcome: args.outcome, text: args.text, responsibility: args.responsibility ?? null, by: args.actor.userId, at };
      journal.emit('disposed', at, `disposed: ${args.outcome}`, { actorId: args.actor.userId, payload: { disposition: state.disposition } });
      if (args.outcome === 'confirmed') {
        journal.notice(at, {
          audience: [officerOf(input.department)], title: `异常 ${input.anomalyId} confirmed (${input.kind}, 办件 ${input.caseNo})`,
          body: `${args.text}\n${args.responsibility?.measure ?? ''}`,
        }, args.actor.userId);
      }
      return result(args.idempotencyKey, at);
    },
  });
  registerAction(journal, objectAnomalyUpdate, {
    check: (args, at) => checkObject(state, args, at),
    apply: (args, at) => {
      state.objection = { grounds: args.grounds, by: args.actor.userId, at };
      journal.emit('objected', at, `objection by ${input.department}`, { actorId: args.actor.userId, payload: { objection: state.objection } });
      journal.notice(at, { audience: [{ kind: 'supervision-office' }], title: `异常 ${input.anomalyId}: objection by ${input.department}`, body: args.grounds }, args.actor.userId);
      return result(args.idempotencyKey, at);
    },
  });
  registerAction(journal, decideObjectionUpdate, {
    check: (args) => checkDecide(state, args),
    apply: (args, at) => {
      state.decision = { outcome: args.outcome, reason: args.reason, by: args.actor.userId, at };
      journal.emit('objectionDecided', at, `objection ${args.outcome}`, { actorId: args.actor.userId, payload: { decision: state.decision } });
      journal.notice(at, { audience: [officerOf(input.department)], title: `异常 ${input.anomalyId}: objection ${args.outcome}`, body: args.reason }, args.actor.userId);
      return result(args.idempotencyKey, at);
    },
  });
  setHandler(anomalyStateQuery, () => viewOf(state, journal, Date.now()));
  setHandler(calendarChangedSignal, ({ calendar, reason }) => {
    state.input = { ...state.input, calendar };
    journal.emit('calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    journal.changed();
  });

  const outbox = startOutbox(journal, {
    record: async (events) => {
      const { history: _history, ...anomaly } = viewOf(state, journal, Date.now());
      return await recorder.recordAnomalyDisposition({ events, anomaly: { ...anomaly, updatedAt: Date.now() } });
    },
    deliver: (alert) => notifier.deliverOversightAlert({ alert }),
    emitFailure: (at, summary, payload) => journal.emit('notificationFailed', at, summary, { payload }),
  });

  await runLadder(journal, {
    thresholds: () => anomalyThresholds(state),
    about: () => ({ caseNo: input.caseNo, itemCode: input.itemCode, department: SUPERVISION_OFFICE }),
    done: (now) => settled(state, now),
    wakeAt: () => (state.objection ? null : objectionClosesAt(state)),
  });
  const final = findingFinal(state, Date.now());
  if (final) {
    journal.emit('findingFinal', Date.now(), `finding stands: counted against ${input.department}`, { payload: { counter: findingCounter(input.kind) } });
  }
  await condition(allHandlersFinished);
  await outbox.close();
  return { anomalyId: input.anomalyId, status: statusOf(state), findingFinal: final };
}
