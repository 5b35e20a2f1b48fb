import type { Instant } from '../calendar/local-date';
import type { Audience } from '../records/vocabulary';
import type { OversightAlertKind, OversightAlertLevel } from './vocabulary';

/** One rung of a ladder, computed over the work calendar by domain/. */
export interface LadderThreshold {
  key: string;
  kind: OversightAlertKind;
  level: OversightAlertLevel;
  at: Instant;
  provisional: boolean;
  audience: Audience[];
  reason: string;
}

export interface OversightAlertView {
  id: string;
  key: string;
  kind: OversightAlertKind;
  level: OversightAlertLevel;
  at: Instant;
  thresholdAt: Instant;
}

export interface OversightHistoryEntry {
  seq: number;
  at: Instant;
  type: string;
  summary: string;
  actorId?: string;
}
