/**
 * The case workflow: one per case (办件), on one published definition version.
 *
 * Design: handlers change the state synchronously and bump `version`; the main loop
 * recomputes the schedule (domain/computeSchedule) after every change, alerts the
 * thresholds that are due, and waits on ONE timer — the next threshold — or the next
 * change, whichever comes first (`condition` with a timeout cancels its timer when the
 * change wins, so no timer leaks). Two side coroutines record events in MongoDB and
 * deliver notifications; the case never waits for either.
 *
 * Versioning convention: a change to this code that alters the commands it issues
 * (activities, timers, search attributes, continue-as-new) for a history already written
 * must be guarded with `patched('<yyyy-mm-dd>-<what>')` (old branch kept until no run on
 * the old code is open, then `deprecatePatch`). State carried across continue-as-new is
 * versioned by its shape: new fields are optional and defaulted in `restore`.
 */
import {
  allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { ClockError } from '../../domain/clock/errors';
import type { Activities } from '../../activities';
import { acceptCase, prepare } from './actions';
import { raiseAnomaly } from './anomalies';
import { Refused, statusOf, type Command } from './commands';
import * as contract from './contract';
import type { ActionBase, ActionResult, CaseResult, CaseStartInput } from './contract';
import { fingerprint } from './fingerprint';
import { startGraph } from './graph';
import { fireDue, nextToFire, scheduleOf } from './ladder';
import { caseAttributes } from './search-attributes';
import { RESULTS_KEPT, emit, initialState, taskOf, type CaseState } from './state';
import { applyExternalEvent } from './tracked';
import { alertLevelOf, caseView, readModelOf } from './view';

/** Recording retries until MongoDB answers again: the read model may lag, the case does not wait. */
const recorder = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
/** Notification channels get bounded retries; a failure is recorded, never thrown into the case. */
const notifier = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 4 },
});

const DEFAULT_HISTORY_LIMIT = 4000;
const CONCLUDED_LINGER = '10 minutes';

function restore(input: CaseStartInput): CaseState {
  const { carried, ...rest } = input;
  const fresh = initialState(rest);
  return { ...fresh, ...(carried as Partial<CaseState>), input: rest };
}

export async function caseWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const state = input.carried ? restore(input) : initialState(input);
  let version = 0;
  let recordedSeq = input.carried ? state.seq - state.outbox.length : 0;
  const changed = () => {
    version += 1;
  };
  if (!input.carried) {
    emit(state, 'submitted', input.submittedAt, `submitted by ${input.applicant.name} (${input.mode})`, {
      payload: { definitionRef: input.definitionRef, mode: input.mode },
    });
    startGraph(state, input.submittedAt);
    if (state.acceptedAt === null && !state.tokens.some((t) => taskOf(state, t.nodeId)?.stage === 'accept')) {
      acceptCase(state, { at: input.submittedAt });
    }
  }

  const act = <A extends ActionBase>(definition: UpdateDefinition<ActionResult, [A]>, command: (args: A) => Command) => {
    const name = definition.name;
    const earlier = (args: A) => state.results.find((r) => r.key === args.idempotencyKey);
    setHandler(
      definition,
      (args) => {
        const first = earlier(args);
        if (first) return first.result;
        const at = Date.now();
        try {
          prepare(state, command(args), { actor: args.actor, at })();
        } catch (error) {
          if (error instanceof Refused) throw contract.refusal(error.refusal.code, error.refusal.reason);
          if (error instanceof ClockError) throw contract.refusal('INVALID_ARGUMENT', error.message);
          throw error;
        }
        const schedule = scheduleOf(state, at);
        const result: ActionResult = {
          idempotencyKey: args.idempotencyKey, eventSeq: state.seq, at, status: statusOf(state),
          outcome: state.concluded?.outcome ?? null, position: state.tokens.map((t) => t.nodeId),
          alertLevel: alertLevelOf(state, schedule),
        };
        state.results.push({ key: args.idempotencyKey, update: name, fingerprint: fingerprint(args), result });
        if (state.results.length > RESULTS_KEPT) state.results.splice(0, state.results.length - RESULTS_KEPT);
        changed();
        return result;
      },
      {
        validator: (args) => {
          if (!args || typeof args.idempotencyKey !== 'string' || args.idempotencyKey === '') {
            throw contract.refusal('INVALID_ARGUMENT', 'idempotencyKey is required');
          }
          if (!args.actor || !Array.isArray(args.actor.roles) || !Array.isArray(args.actor.departments)) {
            throw contract.refusal('INVALID_ARGUMENT', 'actor with roles and departments is required');
          }
          const first = earlier(args);
          if (first) {
            if (first.update !== name || (first.fingerprint !== undefined && first.fingerprint !== fingerprint(args))) {
              throw contract.refusal('IDEMPOTENCY_KEY_REUSED', `the key was already used for another ${first.update}`);
            }
            return;
          }
          if (state.input.mode === 'tracked') throw contract.refusal('TRACKED_CASE', 'a tracked case follows its source system\'s events');
          try {
            prepare(state, command(args), { actor: args.actor, at: Date.now() });
          } catch (error) {
            if (error instanceof Refused) throw contract.refusal(error.refusal.code, error.refusal.reason);
            throw error;
          }
        },
      },
    );
  };
  const report = (a: contract.StepReport) => ({
    ...(a.feeCharged !== undefined && { feeCharged: a.feeCharged }),
    ...(a.documents !== undefined && { documents: a.documents }),
  });
  act(contract.acceptUpdate, (a) => ({ type: 'accept', report: report(a) }));
  act(contract.refuseUpdate, (a) => ({ type: 'refuse', reason: a.reason }));
  act(contract.supplementNoticeUpdate, (a) => ({ type: 'supplementNotice', materials: a.materials ?? [] }));
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
  act(contract.suspendUpdate, (a) => ({ type: 'suspend', reason: a.reason }));
  act(contract.resumeUpdate, () => ({ type: 'resume' }));
  act(contract.terminateUpdate, (a) => ({ type: 'terminate', reason: a.reason }));
  act(contract.concludeUpdate, (a) => ({
    type: 'conclude', report: report(a),
    ...(a.nodeId !== undefined && { nodeId: a.nodeId }), ...(a.action !== undefined && { action: a.action }),
  }));

  setHandler(contract.urgeSignal, (urge) => {
    const at = Date.now();
    state.notices.push({ kind: 'urge', id: urge.id, at: urge.at ?? at, by: urge.by.userId, message: urge.message });
    emit(state, 'urge', at, `urged by ${urge.by.name ?? urge.by.userId}: ${urge.message}`, { actorId: urge.by.userId, payload: { id: urge.id } });
    changed();
  });
  setHandler(contract.supervisionOrderSignal, (order) => {
    const at = Date.now();
    state.notices.push({
      kind: 'supervision-order', id: order.orderId, at: order.at ?? at, by: order.by.userId, message: order.message, event: order.event,
      ...(order.responseDeadline !== undefined && { responseDeadline: order.responseDeadline }),
    });
    emit(state, 'supervisionOrder', at, `supervision order ${order.orderId} ${order.event}: ${order.message}`, {
      actorId: order.by.userId, payload: { orderId: order.orderId, event: order.event },
    });
    changed();
  });
  setHandler(contract.calendarChangedSignal, ({ calendar, reason }) => {
    state.input.calendar = calendar;
    emit(state, 'calendarChanged', Date.now(), `calendar changed${reason ? `: ${reason}` : ''}`);
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

  // 'drain': the case concluded, deliver everything queued; 'continue': continue-as-new,
  // finish what is in flight (an abandoned activity would be retried blindly) and carry the rest.
  let closing: 'drain' | 'continue' | null = null;
  const recording = (async () => {
    for (;;) {
      await condition(() => state.outbox.length > 0 || closing !== null);
      if (state.outbox.length === 0) return;
      const events = state.outbox.slice();
      const now = Date.now();
      await recorder.recordCaseEvents({ events, readModel: readModelOf(state, scheduleOf(state, now), now) });
      state.outbox.splice(0, events.length);
      recordedSeq = events[events.length - 1]?.seq ?? recordedSeq;
    }
  })();
  const ready = (d: { seq: number }) => d.seq <= recordedSeq;
  const delivering = (async () => {
    for (;;) {
      await condition(() => closing === 'continue' || state.pendingDeliveries.some(ready) || (closing === 'drain' && state.pendingDeliveries.length === 0));
      const next = state.pendingDeliveries.find(ready);
      if (!next || closing === 'continue') return;
      try {
        await notifier.deliverNotifications({ alert: next.alert });
      } catch (error) {
        log.warn('notification delivery failed', { alertId: next.alert.id, error: String(error) });
        emit(state, 'notificationFailed', Date.now(), `notifications of ${next.alert.key} not delivered`, { payload: { alertId: next.alert.id } });
      }
      state.pendingDeliveries = state.pendingDeliveries.filter((d) => d !== next);
    }
  })();

  const historyLimit = state.input.options?.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const mustContinue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  let attributes = '';
  for (;;) {
    const now = Date.now();
    let schedule = scheduleOf(state, now);
    if (fireDue(state, schedule, now) > 0) schedule = scheduleOf(state, now);
    const upsert = caseAttributes(state, schedule, alertLevelOf(state, schedule));
    if (upsert.signature !== attributes) {
      upsertSearchAttributes(upsert.pairs);
      attributes = upsert.signature;
    }
    if (state.concluded || mustContinue()) break;
    const next = nextToFire(state, schedule, now);
    const seen = version;
    await condition(() => version !== seen, next ? next.at - now : undefined);
  }

  // A concluded case stays open a little: a retried call (same idempotency key) still gets
  // its first answer, and late notices are still attached, before the workflow closes.
  if (state.concluded) await condition(() => false, CONCLUDED_LINGER);
  await condition(allHandlersFinished);
  closing = state.concluded ? 'drain' : 'continue';
  if (!state.concluded) {
    await delivering;
    await recording;
    const carried: Partial<CaseState> = { ...state, run: state.run + 1 };
    delete carried.input;
    // In-flight deliveries are carried over; those not started yet simply resume in the next run.
    return continueAsNew<typeof caseWorkflow>({ ...state.input, carried });
  }
  await Promise.all([recording, delivering]);
  const concluded = state.concluded;
  const schedule = scheduleOf(state, concluded.at);
  return {
    caseNo: state.input.caseNo,
    outcome: concluded.outcome,
    concludedAt: concluded.at,
    alertLevel: alertLevelOf(state, schedule),
    onTime: schedule.deadline === null || concluded.at <= schedule.deadline,
  };
}
