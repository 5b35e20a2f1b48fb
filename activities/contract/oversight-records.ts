/**
 * What the supervision-order and complaint workflows hand to their activities: plain data
 * with ids fixed by the workflow, so that a retried activity writes nothing twice.
 */
import type { Instant } from '../../domain/calendar/local-date';
import type { Audience } from '../../domain/records/vocabulary';
import type { OversightAlertKind, OversightAlertLevel } from '../../domain/oversight/vocabulary';

export type { Audience, OversightAlertKind, OversightAlertLevel };

export type OversightSubject = 'supervision-order' | 'complaint' | 'consultation' | 'follow-up' | 'anomaly';

/** An alert of an order's or a complaint's ladder; `id` is `<subjectId>:<key>`. */
export interface OversightAlertRecord {
  id: string;
  subject: OversightSubject;
  subjectId: string;
  /** The case it concerns, when there is one. */
  caseNo: string | null;
  itemCode: string | null;
  department: string;
  key: string;
  kind: OversightAlertKind;
  level: OversightAlertLevel;
  thresholdAt: Instant;
  raisedAt: Instant;
  provisional: boolean;
  reason: string;
  audience: Audience[];
}

/** An in-app notice that is not an alert (an order opened, a complaint transferred). */
export interface OversightNotice {
  audience: Audience[];
  title: string;
  body: string;
}

export type { OversightEventType } from '../../domain/records/vocabulary';

/** One entry of the append-only `oversight_events` collection; `id` is `<subjectId>:<seq>`. */
export interface OversightEventRecord {
  id: string;
  subject: OversightSubject;
  subjectId: string;
  seq: number;
  type: string;
  at: Instant;
  summary: string;
  actorId?: string;
  payload: { alert?: OversightAlertRecord; notice?: OversightNotice } & Record<string, unknown>;
}
