import type { ItemInfo } from '../definition/types';
import type { ScheduleLimits } from './types';

/** A case's own settings of the ladder, beyond its item's limits. */
export interface LimitOptions {
  warningHour?: number;
  stepReminderDays?: number;
}

/**
 * The schedule limits of an item: the one mapping the case workflow, the API's deadline
 * preview and the designer's preview share, so that the dates they show are the same.
 */
export function limitsOf(
  item: Pick<ItemInfo, 'promisedLimit' | 'statutoryLimit' | 'redCardGraceDays' | 'supplementNoticeDays'>,
  options: LimitOptions = {},
): ScheduleLimits {
  return {
    promisedDays: item.promisedLimit.value,
    statutoryDays: item.statutoryLimit.value,
    redCardGraceDays: item.redCardGraceDays,
    supplementNoticeDays: item.supplementNoticeDays ?? 5,
    ...(options.warningHour !== undefined && { warningHour: options.warningHour }),
    ...(options.stepReminderDays !== undefined && { stepReminderDays: options.stepReminderDays }),
  };
}
