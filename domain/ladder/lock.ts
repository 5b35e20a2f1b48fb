import type { Instant } from '../calendar/local-date';
import type { ThresholdKind } from './types';

/**
 * Flow locking (流程锁定): once a case gets the card its item names, clerks can no longer
 * act on it until a supervisor unlocks it with a reason, or opens a supervision order,
 * which lets the clerks work for the order's response period.
 */
export const FLOW_LOCK_POLICIES = ['red-card', 'yellow-card', 'never'] as const;
export type FlowLockPolicy = (typeof FLOW_LOCK_POLICIES)[number];
/** An item that says nothing locks on the red card. */
export const DEFAULT_FLOW_LOCK: FlowLockPolicy = 'red-card';

/** Whether a card of this kind locks the flow under the policy: 'yellow-card' locks on the yellow card and again on the red one. */
export function locksOn(policy: FlowLockPolicy | undefined, kind: ThresholdKind): boolean {
  switch (policy ?? DEFAULT_FLOW_LOCK) {
    case 'never':
      return false;
    case 'red-card':
      return kind === 'redCard';
    case 'yellow-card':
      return kind === 'yellowCard' || kind === 'redCard';
  }
}

/** A lock and how it was lifted: for good by a supervisor, or for an order's response period. */
export interface FlowLock {
  since: Instant;
  card: ThresholdKind;
  unlocked?: { at: Instant; by: string; reason: string };
  /** An open supervision order: unlocked from `from` until `until` (null: until the order is concluded). */
  order?: { orderId: string; from: Instant; until: Instant | null };
}

/** Whether clerk actions are refused at `now`. */
export function isLocked(lock: FlowLock | null | undefined, now: Instant): boolean {
  if (!lock || lock.unlocked) return false;
  const { order } = lock;
  return !(order && now >= order.from && (order.until === null || now < order.until));
}
