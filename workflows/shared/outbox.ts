/**
 * The outbox every workflow records and notifies through: events are recorded in MongoDB
 * (with the read model the record callback builds) and then their alerts are delivered,
 * each in its own coroutine so the workflow never waits for MongoDB or a mail server.
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

/** Starts the two coroutines. `recordedSeq`: the last event already recorded (a carried run's). */
export function startOutbox<E extends { seq: number }, A extends { id: string; key: string }>(
  queue: OutboxQueue<E, A>,
  io: OutboxIo<E, A>,
  recordedSeq = 0,
): { close: (how?: OutboxClose) => Promise<void> } {
  let closing: OutboxClose | null = null;
  // The recorder stops last: a failed delivery still adds an event to record.
  let deliveriesDone = false;
  const ready = (d: { seq: number }) => d.seq <= recordedSeq;
  const recording = (async () => {
    for (;;) {
      await condition(() => queue.outbox.length > 0 || (closing !== null && deliveriesDone));
      if (queue.outbox.length === 0) return;
      const events = queue.outbox.slice();
      const outcome = await io.record(events);
      queue.outbox.splice(0, events.length);
      recordedSeq = events[events.length - 1]?.seq ?? recordedSeq;
      // No channel besides the inbox (written with the alerts): nothing to deliver, and no
      // activity and workflow task per alert for it. The answer is in the history, so a
      // replay decides alike; an older history has none and delivers as it did.
      if (outcome?.outsideChannels === false) queue.pendingDeliveries = queue.pendingDeliveries.filter((d) => !ready(d));
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
        log.warn('notification delivery failed', { alertId: next.alert.id, error: String(error) });
        io.emitFailure(Date.now(), `notifications of ${next.alert.key} not delivered`, { alertId: next.alert.id });
      }
      queue.pendingDeliveries = queue.pendingDeliveries.filter((d) => d !== next);
    }
  })();
  return {
    close: async (how = 'drain') => {
      closing = how;
      await Promise.all([delivering, recording]);
    },
  };
}
