/**
 * The case workflow: one per case (办件), on one published definition version.
 *
 * Design: handlers change the state synchronously and bump `version`; the main loop
 * recomputes the schedule (domain/computeSchedule) after every change, alerts the
 * thresholds that are due, and waits on ONE timer — the next threshold — or the next
 * change, whichever comes first (`condition` with a timeout cancels its timer when the
 * change wins, so no timer leaks). The shared outbox (../shared/outbox) records events in
 * MongoDB and delivers notifications in side coroutines; the case never waits for either.
 *
 * Versioning convention: a change to this code that alters the commands it issues
 * (activities, timers, search attributes, continue-as-new) for a history already written
 * must be guarded with a `'<yyyy-mm-dd>-<what>'` patch id, asked through `uses` and listed
 * in a new set of rules (./rules; old branch kept until no run on the old code is open, then
 * `deprecatePatch`). State carried across continue-as-new is versioned by its shape: new
 * fields are optional and defaulted in `restore`.
 */
import {
  CancellationScope, allHandlersFinished, condition, continueAsNew, isCancellation, sleep, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import { acceptCase } from './actions';
import type { CaseResult, CaseStartInput } from './contract';
import { startGraph } from './graph';
import { fireDue, nextToFire, scheduleOf } from './ladder';
import { caseAttributes, startedWith } from './search-attributes';
import { registerHandlers } from './handlers';
import { adoptRules, ATTRIBUTES_AT_START, follows, ONE_OUTBOX_WAITER, OUTBOX_IN_MAIN_LOOP, TIMER_KEPT, TIMER_RECORDING_LOCAL, uses } from './rules';
import { closeEnded } from './closing';
import { emit, initialState, taskOf, type CaseState } from './state';
import { alertLevelOf, readModelOf } from './view';
import { interned } from '../shared/interned';
import { startOutbox, type OutboxWaiting } from '../shared/outbox';
import { notifier, recorder, timerRecorder } from '../shared/proxies';
import type { CaseEventRecord } from '../../activities/contract/case-records';

const DEFAULT_HISTORY_LIMIT = 4000;
const CONCLUDED_LINGER = '10 minutes';
/** The timer of the next threshold, and whether it has fired. */
interface ThresholdTimer {
  at: number;
  fired: boolean;
  /** Cancels the timer; settles once its cancel command is issued (at once if it has fired). */
  cancel: () => Promise<void>;
}

/** Starts the timer of a threshold at `at`; it marks itself fired, and a cancelled one only stops. */
function armThreshold(at: number, now: number): ThresholdTimer {
  const scope = new CancellationScope();
  const settled = scope.run(() => sleep(at - now)).then(
    () => {
      timer.fired = true;
    },
    (error: unknown) => {
      if (!isCancellation(error)) throw error;
    },
  );
  const timer: ThresholdTimer = {
    at, fired: false,
    cancel: () => {
      scope.cancel();
      return settled;
    },
  };
  return timer;
}

/** How a run's outbox waits, chosen once, when the run starts it (../shared/outbox `OutboxWaiting`). */
function outboxWaiting(state: CaseState): OutboxWaiting {
  // The loop drives the outbox only where it waits without a timeout of its own (TIMER_KEPT).
  if (follows(state, OUTBOX_IN_MAIN_LOOP) && state.rules?.includes(TIMER_KEPT)) return 'driven';
  return uses(state, ONE_OUTBOX_WAITER) ? 'one-waiter' : 'two-coroutines';
}

/** The events the alert ladder raises when a threshold passes (./ladder, ./lock). */
const LADDER_EVENTS: ReadonlySet<string> = new Set(['alert', 'locked']);

/** A batch only a timer raised: the ladder's events, and nobody acted. */
const raisedByTimer = (events: CaseEventRecord[]) => events.every((e) => LADDER_EVENTS.has(e.type) && e.actorId === undefined);

function restore(input: CaseStartInput): CaseState {
  const { carried, ...rest } = input;
  const fresh = initialState(rest);
  return { ...fresh, ...(carried as Partial<CaseState>), input: rest };
}

/**
 * Cases of one item share one copy of its definition and of the calendar (../shared/interned).
 * The shared copies replace the case's own in the decoded input itself, not in a copy of it:
 * the SDK keeps that input (its suspended call of the workflow function holds the arguments)
 * for as long as the run lasts.
 */
export function caseWorkflow(started: CaseStartInput): Promise<CaseResult> {
  started.definition = interned('definition', started.definition);
  started.calendar = interned('calendar', started.calendar);
  return runCase(started);
}

async function runCase(input: CaseStartInput): Promise<CaseResult> {
  const state = input.carried ? restore(input) : initialState(input);
  let version = 0;
  const changed = () => {
    version += 1;
  };
  if (!input.carried) {
    adoptRules(state);
    emit(state, 'submitted', input.submittedAt, `submitted by ${input.applicant.name} (${input.mode})`, {
      payload: { definitionRef: input.definitionRef, mode: input.mode },
    });
    startGraph(state, input.submittedAt);
    if (state.acceptedAt === null && !state.tokens.some((t) => taskOf(state, t.nodeId)?.stage === 'accept')) {
      acceptCase(state, { at: input.submittedAt });
    }
  }

  registerHandlers(state, changed);

  const outbox = startOutbox(state, {
    record: async (events) => {
      const now = Date.now();
      const via = raisedByTimer(events) && uses(state, TIMER_RECORDING_LOCAL) ? timerRecorder : recorder;
      return await via.recordCaseEvents({ events, readModel: readModelOf(state, scheduleOf(state, now), now) });
    },
    deliver: (alert) => notifier.deliverNotifications({ alert }),
    emitFailure: (at, summary, payload) => emit(state, 'notificationFailed', at, summary, { payload }),
  }, input.carried ? state.seq - state.outbox.length : 0, outboxWaiting(state));

  const historyLimit = state.input.options?.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const mustContinue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  let attributes = '';
  let armed: ThresholdTimer | undefined;
  // The old timer's cancel goes out before the next one starts: never two open at once.
  const disarm = async () => {
    const timer = armed;
    armed = undefined;
    await timer?.cancel();
  };
  for (;;) {
    const now = Date.now();
    let schedule = scheduleOf(state, now);
    if (fireDue(state, schedule, now) > 0) schedule = scheduleOf(state, now);
    closeEnded(state, now);
    const upsert = caseAttributes(state, schedule, alertLevelOf(state, schedule));
    if (upsert.signature !== attributes) {
      // The run's first task does not write again what the run was started with.
      const held = attributes === '' && follows(state, ATTRIBUTES_AT_START) && startedWith(upsert.pairs);
      if (!held) upsertSearchAttributes(upsert.pairs);
      attributes = upsert.signature;
    }
    if (state.concluded || mustContinue()) break;
    const next = nextToFire(state, schedule, now);
    const seen = version;
    if (uses(state, TIMER_KEPT)) {
      // One timer for the next threshold's instant: a change that leaves the instant where it
      // was (most actions, every recording) keeps it, so it costs no cancel and no new timer.
      if (armed && (armed.fired || armed.at !== next?.at)) {
        // A timer already due (an action got in first) is left to fire: its cancel would race
        // its firing, which the server then refuses (a command for a timer it has closed).
        if (armed.fired || armed.at > now) await disarm();
        else armed = undefined;
      }
      if (!armed && next) armed = armThreshold(next.at, now);
      const timer = armed;
      const woken = () => version !== seen || timer?.fired === true;
      // A driven outbox starts what this pass queued; it wakes the loop again when something
      // more can start (a recording answered, the alerts it lets go out), which starts it and
      // waits on, recomputing nothing. A change starts nothing here: the next pass does.
      outbox.pump();
      while (!woken()) {
        await condition(() => woken() || outbox.wants());
        if (!woken()) outbox.pump();
      }
    } else {
      await condition(() => version !== seen, next ? next.at - now : undefined);
    }
  }
  outbox.handOver();
  if (armed) await disarm();

  // A concluded case stays open a little: a retried call (same idempotency key) still gets
  // its first answer, and late notices are still attached, before the workflow closes.
  if (state.concluded) await condition(() => false, CONCLUDED_LINGER);
  await condition(allHandlersFinished);
  if (!state.concluded) {
    // In-flight deliveries finish; those not started yet are carried and resume in the next run.
    await outbox.close('continue');
    const carried: Partial<CaseState> = { ...state, run: state.run + 1 };
    delete carried.input;
    return continueAsNew<typeof caseWorkflow>({ ...state.input, carried });
  }
  await outbox.close('drain');
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
