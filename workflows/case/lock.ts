import type { Instant } from '../../domain/calendar/local-date';
import { isLocked, locksOn } from '../../domain/ladder/lock';
import type { ThresholdKind } from '../../domain/ladder/types';
import type { SupervisionOrderSignal } from './contract';
import { FLOW_LOCK, follows } from './rules';
import { emit, type CaseState } from './state';

/** A card was raised: the flow locks if the item's policy says so (native cases only; a tracked case follows its source). */
export function lockOnCard(state: CaseState, card: ThresholdKind, at: Instant): void {
  if (!follows(state, FLOW_LOCK) || state.input.mode !== 'native' || state.concluded) return;
  if (!locksOn(state.input.definition.item.flowLock, card)) return;
  state.lock = { since: at, card };
  emit(state, 'locked', at, `flow locked by the ${card} (流程锁定)`, { payload: { card } });
}

/** A supervisor lifts the lock for good. */
export function unlockFlow(state: CaseState, by: string, reason: string, at: Instant): void {
  if (!state.lock) return;
  state.lock = { ...state.lock, unlocked: { at, by, reason } };
  emit(state, 'unlocked', at, `flow unlocked: ${reason}`, { actorId: by, payload: { reason } });
}

/**
 * A supervision order on a locked case lets the clerks work for its response period (until
 * its response deadline, or until it is concluded when it has none); the lock holds again after.
 */
export function orderOnLock(state: CaseState, order: SupervisionOrderSignal, at: Instant): void {
  const lock = state.lock;
  if (!lock || lock.unlocked) return;
  if (order.event === 'opened' && isLocked(lock, at)) {
    const until = order.responseDeadline ?? null;
    if (until !== null && until <= at) return;
    lock.order = { orderId: order.orderId, from: at, until };
    emit(state, 'unlocked', at, `flow unlocked for supervision order ${order.orderId}`, {
      actorId: order.by.userId, payload: { orderId: order.orderId, until },
    });
  } else if (order.event === 'concluded' && lock.order?.orderId === order.orderId && lock.order.until === null) {
    lock.order = { ...lock.order, until: at };
  }
}
