/**
 * The machinery both oversight workflows share: an event journal whose outbox the shared
 * outbox (./outbox) records and notifies from, the ladder's alerts (one timer for the next
 * threshold), and idempotent updates with validators.
 * Deterministic: every instant comes from the workflow clock.
 */
import { condition } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Instant } from '../../domain/calendar/local-date';
import type { OversightAlertLevel, OversightAlertRecord, OversightEventRecord, OversightEventType, OversightNotice, OversightSubject } from '../../activities/contract/oversight-records';
import type { LadderThreshold, OversightAlertView, OversightHistoryEntry } from '../../domain/oversight/ladder';

export type { LadderThreshold, OversightAlertView, OversightHistoryEntry };
import { oversightFailure, type OversightActionBase, type OversightRefusalCode } from './refusal';
import { registerIdempotentUpdate, type StoredResult } from './updates';
import type { OutboxQueue } from './outbox';

/** What an alert is about, besides its threshold. */
export interface AlertAbout {
  caseNo: string | null;
  itemCode: string | null;
  department: string;
}

const HISTORY_KEPT = 50;
const RESULTS_KEPT = 200;

export class Journal implements OutboxQueue<OversightEventRecord, OversightAlertRecord> {
  seq = 0;
  /** Bumped by every change; the main loop wakes on it. */
  version = 0;
  readonly fired: string[] = [];
  readonly alerts: OversightAlertView[] = [];
  readonly history: OversightHistoryEntry[] = [];
  readonly outbox: OversightEventRecord[] = [];
  pendingDeliveries: { alert: OversightAlertRecord; seq: number }[] = [];
  readonly results: StoredResult<unknown>[] = [];

  constructor(
    readonly subject: OversightSubject,
    readonly subjectId: string,
  ) {}

  changed(): void {
    this.version += 1;
  }

  emit(type: OversightEventType, at: Instant, summary: string, extra: { actorId?: string; payload?: OversightEventRecord['payload'] } = {}): OversightEventRecord {
    this.seq += 1;
    const event: OversightEventRecord = {
      id: `${this.subjectId}:${this.seq}`, subject: this.subject, subjectId: this.subjectId, seq: this.seq, type, at, summary,
      ...(extra.actorId !== undefined && { actorId: extra.actorId }), payload: extra.payload ?? {},
    };
    this.outbox.push(event);
    this.history.push({ seq: this.seq, at, type, summary, ...(extra.actorId !== undefined && { actorId: extra.actorId }) });
    if (this.history.length > HISTORY_KEPT) this.history.splice(0, this.history.length - HISTORY_KEPT);
    return event;
  }

  /** An in-app notice, written to the inbox with its event. */
  notice(at: Instant, notice: OversightNotice, actorId?: string): void {
    this.emit('notice', at, notice.title, { ...(actorId !== undefined && { actorId }), payload: { notice } });
  }

  /** Raises every due threshold not yet alerted and queues its notifications. */
  fireDue(thresholds: LadderThreshold[], now: Instant, about: AlertAbout): number {
    let raised = 0;
    for (const t of thresholds) {
      if (t.at > now || this.fired.includes(t.key)) continue;
      this.fired.push(t.key);
      const id = `${this.subjectId}:${t.key}`;
      this.alerts.push({ id, key: t.key, kind: t.kind, level: t.level, at: now, thresholdAt: t.at });
      const alert: OversightAlertRecord = {
        id, subject: this.subject, subjectId: this.subjectId, ...about, key: t.key, kind: t.kind, level: t.level,
        thresholdAt: t.at, raisedAt: now, provisional: t.provisional, reason: t.reason, audience: t.audience,
      };
      const event = this.emit('alert', now, `${t.key}: ${t.reason}`, { payload: { alert } });
      this.pendingDeliveries.push({ alert, seq: event.seq });
      raised += 1;
    }
    return raised;
  }

  /** The first threshold still to alert after `now`: the one timer the ladder needs. */
  next(thresholds: LadderThreshold[], now: Instant): LadderThreshold | null {
    return thresholds.filter((t) => t.at > now && !this.fired.includes(t.key)).sort((a, b) => a.at - b.at)[0] ?? null;
  }

  /** The level reached: the highest rung alerted. */
  level(): OversightAlertLevel | 'normal' {
    const levels = this.alerts.map((a) => a.level);
    return levels.includes('red') ? 'red' : levels.includes('yellow') ? 'yellow' : levels.includes('warning') ? 'warning' : 'normal';
  }
}

/** An order's or a complaint's action as an idempotent update (see {@link registerIdempotentUpdate}). */
export function registerAction<A extends OversightActionBase, R>(
  journal: Journal,
  definition: UpdateDefinition<R, [A]>,
  rules: { check: (args: A, at: Instant) => void; apply: (args: A, at: Instant) => R },
): void {
  registerIdempotentUpdate(definition, {
    results: () => journal.results as StoredResult<R>[],
    kept: RESULTS_KEPT,
    malformed: (args) => {
      if (!args || typeof args.idempotencyKey !== 'string' || args.idempotencyKey === '') return 'idempotencyKey is required';
      if (!args.actor || typeof args.actor.userId !== 'string' || !Array.isArray(args.actor.roles)) return 'actor with userId and roles is required';
      return undefined;
    },
    reused: (first) => (first.update !== definition.name ? `the key was used for ${first.update}` : undefined),
    check: rules.check,
    apply: (args, at) => {
      rules.check(args, at);
      return rules.apply(args, at);
    },
    failure: (code, reason) => oversightFailure(code as OversightRefusalCode, reason),
    changed: () => journal.changed(),
  });
}

/**
 * Runs the ladder until `done`: alerts what is due, then waits on ONE timer (the next
 * threshold, or `wakeAt`) or the next change, whichever comes first.
 */
export async function runLadder(
  journal: Journal,
  ladder: { thresholds: () => LadderThreshold[]; about: () => AlertAbout; done: (now: Instant) => boolean; wakeAt?: () => Instant | null },
): Promise<void> {
  for (;;) {
    const now = Date.now();
    if (journal.fireDue(ladder.thresholds(), now, ladder.about()) > 0) journal.changed();
    if (ladder.done(now)) return;
    const candidates = [journal.next(ladder.thresholds(), now)?.at, ladder.wakeAt?.() ?? undefined].filter((t): t is number => t !== undefined && t > now);
    const wake = candidates.length > 0 ? Math.min(...candidates) : undefined;
    const seen = journal.version;
    await condition(() => journal.version !== seen, wake === undefined ? undefined : wake - now);
  }
}
