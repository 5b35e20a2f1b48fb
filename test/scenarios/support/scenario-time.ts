import { defaultCalendar } from '../../../domain/calendar/chinese-days';
import { addWorkingDays } from '../../../domain/calendar/working-days';
import { localDateOf, localDayOf, startOfLocalDate, startOfLocalDay, type ZoneOffset } from '../../../domain/calendar/local-date';
import type { CalendarYear, WorkCalendar } from '../../../domain/calendar/schema';
import type { CalendarPatch } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 'YYYY-MM-DD HH:mm' (or 'YYYY-MM-DD', midnight) local → epoch ms. */
export function parseLocal(zone: ZoneOffset, text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [h = 0, m = 0] = time.split(':').map(Number);
  return startOfLocalDate(zone, date) + h * HOUR + m * MINUTE;
}

/** epoch ms → 'YYYY-MM-DD HH:mm' local (seconds shown only when not zero). */
export function showLocal(zone: ZoneOffset, at: number | null | undefined): string {
  if (at === null || at === undefined) return 'null';
  const day = localDayOf(zone, at);
  const within = at - startOfLocalDay(zone, day);
  const [h, m, s] = [Math.floor(within / HOUR), Math.floor((within % HOUR) / MINUTE), (within % MINUTE) / 1000];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDateOf(zone, at)} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** The scenario's calendar: mainland China's (chinese-days) with the scenario's years and adjustments on top. */
export function applyCalendarPatch(base: WorkCalendar, patch: CalendarPatch | undefined): WorkCalendar {
  if (!patch) return base;
  const years = new Map<number, CalendarYear>(base.years.map((y) => [y.year, y]));
  for (const y of patch.years ?? []) {
    years.set(y.year, { year: y.year, holidays: y.holidays ?? [], workdays: y.workdays ?? [], published: y.published ?? true, source: 'scenario' });
  }
  const adjustments = new Map(base.adjustments.map((a) => [a.date, a]));
  for (const a of patch.adjustments ?? []) adjustments.set(a.date, { date: a.date, working: a.working, reason: a.reason ?? 'scenario', source: 'scenario' });
  return { ...base, years: [...years.values()].sort((a, b) => a.year - b.year), adjustments: [...adjustments.values()] };
}

export function scenarioCalendar(patch: CalendarPatch | undefined): WorkCalendar {
  return applyCalendarPatch(defaultCalendar(), patch);
}

/** The instant `advance` leads to from `now`: N working days later at the same local time of day, or a plain duration. */
export function advanceFrom(calendar: WorkCalendar, now: number, advance: string): number {
  const [count = '0', unit = ''] = advance.split(' ');
  const n = Number(count);
  if (unit.startsWith('working')) {
    const day = localDateOf(calendar, now);
    const timeOfDay = now - startOfLocalDate(calendar, day);
    return startOfLocalDate(calendar, addWorkingDays(calendar, day, n).date) + timeOfDay;
  }
  const unitMs = unit.startsWith('day') ? 24 * HOUR : unit.startsWith('hour') ? HOUR : MINUTE;
  return now + n * unitMs;
}
