import { defaultCalendar, localDateOf, validateDefinition, type WorkCalendar } from '../../domain/index';
import type { CaseStartInput } from '../../workflows/case/contract';
import { definitionFixtures } from '../fixtures/definitions';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The next whole minute at least `leadMs` from `now`. */
export function wholeMinuteAfter(now: number, leadMs: number): number {
  return Math.ceil((now + leadMs) / MINUTE) * MINUTE;
}

/**
 * A work calendar whose UTC offset puts local midnight at `at` (a whole minute), with every
 * day around it a working day: limits that end "at 24:00 local" then end at `at`.
 */
export function calendarWithMidnightAt(at: number): WorkCalendar {
  let offset = (((-at / MINUTE) % 1440) + 1440) % 1440;
  if (offset > 840) offset -= 1440;
  const base = defaultCalendar({ utcOffsetMinutes: offset });
  const adjustments = Array.from({ length: 9 }, (_, i) => ({
    date: localDateOf(base, at + (i - 4) * DAY), working: true, reason: 'test', source: 'test',
  }));
  return { ...base, adjustments };
}

/**
 * The input of a sequential-licence case, started directly on Temporal, whose
 * supplement-notice limit (one working day) and acceptance step both fall due at `dueAt`.
 */
export function caseDueAt(caseNo: string, dueAt: number): CaseStartInput {
  const fixture = definitionFixtures['sequential-licence'];
  const definition = validateDefinition({ ...fixture, item: { ...fixture.item, supplementNoticeDays: 1 } }).definition;
  if (!definition) throw new Error('the sequential licence fixture is invalid');
  return {
    caseNo, mode: 'native', definitionRef: { id: definition.item.code, version: 1 }, definition, calendar: calendarWithMidnightAt(dueAt),
    applicant: { name: 'test' }, data: {}, submittedAt: dueAt - 1.5 * DAY, options: { stepReminderDays: 0 },
  };
}
