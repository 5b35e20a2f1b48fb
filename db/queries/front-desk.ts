import type { Connection } from 'mongoose';
import { localDateOf } from '../../domain/calendar/local-date';
import type { WorkCalendar } from '../../domain/calendar/schema';
import type { ItemInfo } from '../../domain/definition/types';
import { limitsOf } from '../../domain/ladder/limits';
import { computeSchedule } from '../../domain/ladder/schedule';
import { departmentModel } from '../models/department';

/** A department's name for documents and public pages; its code when it has no record. */
export async function departmentName(db: Connection, code: string): Promise<string> {
  const doc = await departmentModel(db).findOne({ code }, { name: 1 }).lean();
  return doc?.name ?? code;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/**
 * The deadlines a receipt or an acceptance notice promises: the item's limits counted by
 * `computeSchedule` from `startedAt` (acceptance, or submission when not yet accepted) with no
 * pause. The date is the local day that ends at the deadline (24:00).
 */
export function expectedDeadlines(calendar: WorkCalendar, item: ItemInfo, startedAt: number) {
  const limits = limitsOf(item);
  const schedule = computeSchedule({ now: startedAt, limits, processing: { startedAt, pauses: [] } }, calendar);
  const dayOf = (at: number | null) => (at === null ? null : localDateOf(calendar, at - 1));
  return {
    promisedDays: limits.promisedDays, statutoryDays: limits.statutoryDays,
    deadline: iso(schedule.deadline), deadlineDate: dayOf(schedule.deadline),
    statutoryDeadline: iso(schedule.statutoryDeadline), statutoryDeadlineDate: dayOf(schedule.statutoryDeadline),
    provisional: schedule.provisional,
  };
}
