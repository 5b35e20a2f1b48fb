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
  allHandlersFinished, condition, continueAsNew, log, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import { acceptCase } from './actions';
import type { CaseResult, CaseStartInput } from './contract';
import { startGraph } from './graph';
import { fireDue, nextToFire, scheduleOf } from './ladder';
import { caseAttributes } from './search-attributes';
import { registerHandlers } from './handlers';
import { emit, initialState, taskOf, type CaseState } from './state';
import { alertLevelOf, readModelOf } from './view';
import { notifier, recorder } from '../shared/proxies';

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

  registerHandlers(state, changed);

  // 'drain': the case concluded, deliver everything queued; 'continue': continue-as-new,
  // finish what is in flight (an abandoned activity would be retried blindly) and carry the rest.
  let closing: 'drain' | 'continue' | null = null;
  // The recorder stops last: a failed delivery still adds an event to record.
  let deliveriesDone = false;
  const recording = (async () => {
    for (;;) {
      await condition(() => state.outbox.length > 0 || (closing !== null && deliveriesDone));
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
      if (!next || closing === 'continue') {
        deliveriesDone = true;
        return;
      }
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
