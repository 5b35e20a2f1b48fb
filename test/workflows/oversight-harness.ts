import { randomUUID } from 'node:crypto';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import type { LocalAdjustment, WorkCalendar } from '../../domain/calendar/schema';
import { oversightRefusalOf, type OversightActor } from '../../workflows/shared/refusal';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

const localDate = (at: number) => new Date(at + OFFSET).toISOString().slice(0, 10);

/**
 * A Friday (local 00:00, +08:00) at least two days ahead, and a calendar whose following
 * days are pinned by local adjustments, so that the expected instants hold whatever the
 * national calendar of that year says: Sat/Sun off, the next Monday a local holiday,
 * Tue–Fri working, the weekend after off, the Monday after working.
 */
export function pinnedWeek(now: number): { friday: number; calendar: WorkCalendar } {
  let day = Math.floor((now + OFFSET) / DAY) + 2;
  while (new Date(day * DAY).getUTCDay() !== 5) day += 1;
  const friday = day * DAY - OFFSET;
  const working = [false, false, false, true, true, true, true, false, false, true];
  const adjustments: LocalAdjustment[] = working.map((w, i) => ({
    date: localDate(friday + (i + 1) * DAY), working: w, reason: i === 2 ? 'local holiday (test)' : 'pinned (test)', source: 'test',
  }));
  return { friday, calendar: { ...defaultCalendar(), adjustments } };
}

export function actor(roles: string[], department: string | null, userId = `${roles.join('+')}@${department ?? 'office'}`): OversightActor {
  return { userId, roles, department };
}

export const supervisor = actor(['supervisor'], null, 'supervisor-1');
export const officer = (department: string) => actor(['department-officer'], department);
export const complainant = actor(['public'], null, 'public');

export const key = () => `k-${randomUUID()}`;

/** The refusal code of a rejected update. */
export async function refusalCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return oversightRefusalOf(error)?.code ?? `unexpected: ${String(error)}`;
  }
  return 'accepted';
}
