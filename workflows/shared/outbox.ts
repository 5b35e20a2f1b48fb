/**
 * The outbox every workflow records and notifies through: events are recorded in MongoDB
 * (with the read model the record callback builds) and then their alerts are delivered,
 * beside the workflow's own code, so the workflow never waits for MongoDB or a mail server.
 * Deterministic: the commands it issues depend only on the queue and the activity results.
 */
import { condition, log } from '@temporalio/workflow';
import type { RecordOutcome } from '../../activities/contract/case-records';
import type { Instant } from '../../domain/calendar/local-date';

/** Where a workflow queues its events and the alerts waiting for their event to be recorded. */
export interface OutboxQueue<E extends { seq: number }, A extends { id: string; key: string }> {
  readonly outbox: E[];
  pendingDeliveries: { alert: A; seq: number }[];
}

export interface OutboxIo<E, A> {
  /** Records a batch; its answer (absent in histories recorded before it existed) says whether the batch's alerts are to be delivered. */
  record: (events: E[]) => Promise<RecordOutcome | undefined>;
  deliver: (alert: A) => Promise<unknown>;
  /** Adds the event saying an alert's notifications failed (it is recorded like any other). */
  emitFailure: (at: Instant, summary: string, payload: { alertId: string }) => void;
}

/**
 * 'drain': the workflow ends, deliver everything queued; 'continue': continue-as-new,
 * finish what is in flight (an abandoned activity would be retried blindly), record every
 * event and leave the deliveries not started in the queue for the next run.
 */
export type OutboxClose = 'drain' | 'continue';

/**
 * How an outbox waits. `'two-coroutines'`: a coroutine for recordings and one for deliveries,
 * each waiting on its own condition (the outbox every run had before; its runs replay on it).
 * `'one-waiter'`: one coroutine waits for whichever can start and starts it, so an idle run
 * keeps one wait pending instead of two. `'driven'`: the workflow's own main loop waits for
 * it too (`wants`) and starts what can start (`pump`), and the outbox waits in a coroutine of
 * its own only once the loop hands it over (`handOver`, `close`), so an idle run keeps no
 * wait of the outbox's pending. The SDK keeps a stack for each promise pending in a workflow
 * (for the `__stack_trace` query), and a condition's wait takes four or five of them: a
 * cached case holds five fewer each time (README "Performance"). The three issue the same
 * activities, one recording and one delivery at a time, but may issue them in another order
 * within a workflow task, so a run keeps the way it started with.
 */
export type OutboxWaiting = 'two-coroutines' | 'one-waiter' | 'driven';

export interface Outbox {
  /** Whether a recording or a delivery can start (a driven outbox not handed over yet; the others start their own, so never). */
  wants: () => boolean;
  /** Starts what can start (a driven outbox not handed over yet; nothing for the others). */
  pump: () => void;
  /** A driven outbox waits in its own coroutine from now on (its driver stops waiting for it); nothing for the others. */
  handOver: () => void;
  close: (how?: OutboxClose) => Promise<void>;
}

/**
 * Takes a recorded batch out of the queue and answers the last event recorded. With no channel
 * besides the inbox (written with the alerts), the recorded events' deliveries are dropped: no
 * activity and workflow task per alert for it. The answer is in the history, so a replay
 * decides alike; an older history has none and delivers as it did.
 */
function takeRecorded<E extends { seq: number }, A extends { id: string; key: string }>(
  queue: OutboxQueue<E, A>, events: E[], outcome: RecordOutcome | undefined, recordedSeq: number,
): number {
  queue.outbox.splice(0, events.length);
  const last = events[events.length - 1]?.seq ?? recordedSeq;
  if (outcome?.outsideChannels === false) queue.pendingDeliveries = queue.pendingDeliveries.filter((d) => d.seq > last);
  return last;
}

/** A delivery that failed is logged and becomes an event of its own, recorded like any other. */
function deliveryFailed<E, A extends { id: string; key: string }>(io: OutboxIo<E, A>, alert: A, error: unknown): void {
  log.warn('notification delivery failed', { alertId: alert.id, error: String(error) });
  io.emitFailure(Date.now(), `notifications of ${alert.key} not delivered`, { alertId: alert.id });
}

/** Starts the outbox. `recordedSeq`: the last event already recorded (a carried run's). */
export function startOutbox<E extends { seq: number }, A extends { id: string; key: string }>(
  queue: OutboxQueue<E, A>,
  io: OutboxIo<E, A>,
  recordedSeq = 0,
  waiting: OutboxWaiting = 'two-coroutines',
): Outbox {
  if (waiting === 'two-coroutines') return startTwoCoroutines(queue, io, recordedSeq);
  const outbox = startOneWaiter(queue, io, recordedSeq);
  if (waiting === 'one-waiter') outbox.handOver();
  return outbox;
}

/**
 * One waiter: it waits until a recording or a delivery can start (none of its kind in flight,
 * something to do) or the outbox is done, and starts it without waiting for it; each
 * activity's answer is taken in its own callback. The rules are the two coroutines': the
 * recorder stops last, a delivery waits until its event is recorded, `'continue'` starts no
 * delivery and `'drain'` delivers everything queued. The waiter is the outbox's own coroutine
 * once handed over; before that, the caller's loop (`wants`, `pump`), whose workflow task a
 * failed recording then fails, as the coroutine's throw does.
 */
function startOneWaiter<E extends { seq: number }, A extends { id: string; key: string }>(
  queue: OutboxQueue<E, A>,
  io: OutboxIo<E, A>,
  recordedSeq: number,
): Outbox {
  let closing: OutboxClose | null = null;
  let recording = false;
  let delivering = false;
  let waiter: Promise<void> | null = null;
  // A recording that failed (the coroutine throws it, as the recorder's coroutine did).
  const failures: unknown[] = [];
  const ready = (d: { seq: number }) => d.seq <= recordedSeq;
  const canRecord = () => !recording && queue.outbox.length > 0;
  const canDeliver = () => !delivering && closing !== 'continue' && queue.pendingDeliveries.some(ready);
  const done = () => closing !== null && !recording && !delivering && queue.outbox.length === 0
    && (closing === 'continue' || queue.pendingDeliveries.length === 0);
  const record = () => {
    const events = queue.outbox.slice();
    recording = true;
    io.record(events).then((outcome) => {
      recordedSeq = takeRecorded(queue, events, outcome, recordedSeq);
      recording = false;
    }, (error: unknown) => {
      failures.push(error);
      // Driven, nobody waits on the failure: unhandled, it fails the workflow task.
      if (waiter === null) throw error;
    });
  };
  const deliver = (next: { alert: A; seq: number }) => {
    delivering = true;
    const delivered = () => {
      queue.pendingDeliveries = queue.pendingDeliveries.filter((d) => d !== next);
      delivering = false;
    };
    io.deliver(next.alert).then(delivered, (error: unknown) => {
      deliveryFailed(io, next.alert, error);
      delivered();
    });
  };
  const pump = () => {
    if (canRecord()) record();
    const next = canDeliver() ? queue.pendingDeliveries.find(ready) : undefined;
    if (next) deliver(next);
  };
  const wait = async () => {
    for (;;) {
      await condition(() => failures.length > 0 || canRecord() || canDeliver() || done());
      if (failures.length > 0) throw failures[0];
      if (done()) return;
      pump();
    }
  };
  const handOver = () => {
    waiter ??= wait();
  };
  return {
    wants: () => waiter === null && (canRecord() || canDeliver()),
    pump: () => {
      if (waiter === null) pump();
    },
    handOver,
    close: async (how = 'drain') => {
      closing = how;
      handOver();
      await waiter;
    },
  };
}

/** The outbox of runs started before the one waiter: a coroutine for recordings and one for deliveries, each waiting on its own condition. */
function startTwoCoroutines<E extends { seq: number }, A extends { id: string; key: string }>(
  queue: OutboxQueue<E, A>,
  io: OutboxIo<E, A>,
  recordedSeq: number,
): Outbox {
  let closing: OutboxClose | null = null;
  // The recorder stops last: a failed delivery still adds an event to record.
  let deliveriesDone = false;
  const ready = (d: { seq: number }) => d.seq <= recordedSeq;
  const recording = (async () => {
    for (;;) {
      await condition(() => queue.outbox.length > 0 || (closing !== null && deliveriesDone));
      if (queue.outbox.length === 0) return;
      const events = queue.outbox.slice();
      recordedSeq = takeRecorded(queue, events, await io.record(events), recordedSeq);
    }
  })();
  const delivering = (async () => {
    for (;;) {
      await condition(() => closing === 'continue' || queue.pendingDeliveries.some(ready) || (closing === 'drain' && queue.pendingDeliveries.length === 0));
      const next = queue.pendingDeliveries.find(ready);
      if (!next || closing === 'continue') {
        deliveriesDone = true;
        return;
      }
      try {
        await io.deliver(next.alert);
      } catch (error) {
        deliveryFailed(io, next.alert, error);
      }
      queue.pendingDeliveries = queue.pendingDeliveries.filter((d) => d !== next);
    }
  })();
  return {
    wants: () => false,
    pump: () => undefined,
    handOver: () => undefined,
    close: async (how = 'drain') => {
      closing = how;
      await Promise.all([delivering, recording]);
    },
  };
}
