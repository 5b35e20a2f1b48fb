import ICAL from 'ical.js';
import { unprocessable } from '../http/errors';

const WORKDAY = /(上班|补班|调休上班|^班$|\bworkday\b|\bworking day\b)/i;
const DAY_MS = 86_400_000;

/**
 * Reads the days of one year from an iCalendar file as holiday feeds publish them: every
 * all-day VEVENT covers holidays, unless its SUMMARY or CATEGORIES say it is a working day
 * (班, 上班, 补班, workday). Multi-day events are expanded day by day.
 */
export function daysFromICalendar(text: string, year: number): { holidays: string[]; workdays: string[] } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (err) {
    throw unprocessable('ical-invalid', `The iCalendar file cannot be read: ${(err as Error).message}`);
  }
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    if (!event.startDate) continue;
    const categories = vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    const label = [event.summary ?? '', ...categories].join(' ');
    const target = WORKDAY.test(label) ? workdays : holidays;
    const start = Date.UTC(event.startDate.year, event.startDate.month - 1, event.startDate.day);
    const endDate = event.endDate ?? event.startDate;
    let end = Date.UTC(endDate.year, endDate.month - 1, endDate.day);
    // DTEND of an all-day event is exclusive; a single-day event may omit it.
    if (end <= start) end = start + DAY_MS;
    for (let t = start; t < end && t - start < 366 * DAY_MS; t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (Number(date.slice(0, 4)) === year) target.add(date);
    }
  }
  if (holidays.size + workdays.size === 0) throw unprocessable('ical-empty', `The file has no all-day events in ${year}.`);
  return { holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}
