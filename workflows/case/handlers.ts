import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { isCaseActor } from '../../domain/actor';
import { ClockError } from '../../domain/clock/errors';
import { prepare } from './actions';
import { raiseAnomaly } from './anomalies';
import { Refused } from '../shared/refusal';
import { interned } from '../shared/interned';
import { registerIdempotentUpdate } from '../shared/updates';
import { statusOf, type Command } from './commands';
import * as contract from './contract';
import type { ActionBase, ActionResult, RefusalCode } from './contract';
import { fingerprint } from './fingerprint';
import { fireDueBefore, scheduleOf } from './ladder';
import { RESULTS_KEPT, emit, type CaseState } from './state';
import { orderOnLock } from './lock';
import { URGE_ONCE, uses } from './rules';
import { applyExternalEvent } from './tracked';
import { alertLevelOf, caseView } from './view';

/**
 * The case's message handlers: clerk actions as updates with synchronous validators
 * (a refusal carries a stable code and leaves no trace in the history), supervisor and
 * external-event signals, and the state query. Every handler changes the state at once
 * and calls `changed`, so the main loop recomputes the schedule and re-arms its timer.
 */
export function registerHandlers(state: CaseState, changed: () => void): void {
  const act = <A extends ActionBase>(definition: UpdateDefinition<ActionResult, [A]>, command: (args: A) => Command) => {
    registerIdempotentUpdate(definition, {
      results: () => state.results,
      kept: RESULTS_KEPT,
      malformed: (args) => {
        if (!args || typeof args.idempotencyKey !== 'string' || args.idempotencyKey === '') return 'idempotencyKey is required';
        if (!isCaseActor(args.actor)) return 'actor with userId, roles and positions with department (or departments) is required';
        return undefined;
      },
      reused: (first, args) => (first.update !== definition.name || (first.fingerprint !== undefined && first.fingerprint !== fingerprint(args))
        ? `the key was already used for another ${first.update}`
        : undefined),
      fingerprint,
      check: (args, at) => {
        if (state.input.mode === 'tracked') throw new Refused<RefusalCode>({ code: 'TRACKED_CASE', reason: 'a tracked case follows its source system\'s events' });
        prepare(state, command(args), { actor: args.actor, at });
      },
      apply: (args, at) => {
        try {
          // A card raised here may lock the flow: `prepare` then refuses the action.
          if (fireDueBefore(state, at) > 0) changed();
          prepare(state, command(args), { actor: args.actor, at })();
        } catch (error) {
          if (error instanceof ClockError) throw new Refused<RefusalCode>({ code: 'INVALID_ARGUMENT', reason: error.message });
          throw error;
        }
        const schedule = scheduleOf(state, at);
        return {
          idempotencyKey: args.idempotencyKey, eventSeq: state.seq, at, status: statusOf(state),
          outcome: state.concluded?.outcome ?? null, position: state.tokens.map((t) => t.nodeId),
          alertLevel: alertLevelOf(state, schedule),
        };
      },
      failure: (code, reason) => contract.refusal(code as RefusalCode, reason),
      changed,
    });
  };
  const report = (a: contract.StepReport) => ({
    ...(a.feeCharged !== undefined && { feeCharged: a.feeCharged }),
    ...(a.documents !== undefined && { documents: a.documents }),
  });
  act(contract.acceptUpdate, (a) => ({ type: 'accept', report: report(a) }));
  act(contract.refuseUpdate, (a) => ({ type: 'refuse', reason: a.reason }));
  act(contract.supplementNoticeUpdate, (a) => ({
    type: 'supplementNotice', materials: a.materials ?? [],
    ...(a.reasonCode !== undefined && { reasonCode: a.reasonCode }), ...(a.reason !== undefined && { reason: a.reason }),
  }));
  act(contract.supplementReceivedUpdate, () => ({ type: 'supplementReceived' }));
  act(contract.completeStepUpdate, (a) => ({
    type: 'completeStep', action: a.action, report: report(a),
    ...(a.nodeId !== undefined && { nodeId: a.nodeId }), ...(a.returnTo !== undefined && { returnTo: a.returnTo }),
  }));
  act(contract.startSpecialProcedureUpdate, (a) => ({
    type: 'startSpecialProcedure', kind: a.kind, reason: a.reason,
    ...(a.limitDays !== undefined && { limitDays: a.limitDays }), ...(a.nodeId !== undefined && { nodeId: a.nodeId }),
  }));
  act(contract.endSpecialProcedureUpdate, (a) => ({ type: 'endSpecialProcedure', ...(a.key !== undefined && { key: a.key }) }));
  act(contract.suspendUpdate, (a) => ({ type: 'suspend', reason: a.reason, ...(a.reasonCode !== undefined && { reasonCode: a.reasonCode }) }));
  act(contract.resumeUpdate, () => ({ type: 'resume' }));
  act(contract.terminateUpdate, (a) => ({ type: 'terminate', reason: a.reason }));
  act(contract.unlockUpdate, (a) => ({ type: 'unlock', reason: a.reason }));
  act(contract.claimUpdate, (a) => ({ type: 'claim', ...(a.nodeId !== undefined && { nodeId: a.nodeId }) }));
  act(contract.releaseUpdate, (a) => ({ type: 'release', ...(a.nodeId !== undefined && { nodeId: a.nodeId }) }));
  act(contract.concludeUpdate, (a) => ({
    type: 'conclude', report: report(a),
    ...(a.nodeId !== undefined && { nodeId: a.nodeId }), ...(a.action !== undefined && { action: a.action }),
  }));

  setHandler(contract.urgeSignal, (urge) => {
    // An urge signalled again under its id (the API retrying after a crash) is the same urge.
    // Histories written before this check replay without it.
    if (state.notices.some((n) => n.kind === 'urge' && n.id === urge.id) && uses(state, URGE_ONCE)) return;
    const at = Date.now();
    state.notices.push({ kind: 'urge', id: urge.id, at: urge.at ?? at, by: urge.by.userId, message: urge.message });
    emit(state, 'urge', at, `urged by ${urge.by.name ?? urge.by.userId}: ${urge.message}`, { actorId: urge.by.userId, payload: { id: urge.id, message: urge.message } });
    changed();
  });
  setHandler(contract.supervisionOrderSignal, (order) => {
    const at = Date.now();
    state.notices.push({
      kind: 'supervision-order', id: order.orderId, at: order.at ?? at, by: order.by.userId, message: order.message, event: order.event,
      ...(order.responseDeadline !== undefined && { responseDeadline: order.responseDeadline }),
    });
    emit(state, 'supervisionOrder', at, `supervision order ${order.orderId} ${order.event}: ${order.message}`, {
      actorId: order.by.userId, payload: { orderId: order.orderId, event: order.event, message: order.message },
    });
    orderOnLock(state, order, at);
    changed();
  });
  setHandler(contract.calendarChangedSignal, ({ calendar, reason }) => {
    const at = Date.now();
    const previous = state.input.calendar;
    state.input.calendar = interned('calendar', calendar);
    try {
      scheduleOf(state, at);
    } catch (error) {
      // A calendar the arithmetic cannot use must not wedge the case: keep the old one.
      state.input.calendar = previous;
      emit(state, 'calendarRejected', at, `calendar change rejected: ${error instanceof Error ? error.message : String(error)}`);
      changed();
      return;
    }
    emit(state, 'calendarChanged', at, `calendar changed${reason ? `: ${reason}` : ''}`, { payload: reason ? { reason } : {} });
    changed();
  });
  setHandler(contract.actorAnomalySignal, (attempt) => {
    raiseAnomaly(state, 'outside-rights', attempt.at ?? Date.now(), `${attempt.attempted}: ${attempt.reason}`, { actorId: attempt.actor.userId });
    changed();
  });
  setHandler(contract.externalEventSignal, (event) => {
    applyExternalEvent(state, event);
    changed();
  });
  setHandler(contract.caseStateQuery, () => caseView(state, scheduleOf(state, Date.now())));
}
