import type { Connection } from 'mongoose';
import type { CalendarYear, WorkCalendar } from '../../domain/calendar/index';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { calendarAdjustmentModel, calendarYearModel } from '../models/calendar';

/**
 * The calendar in force: the national years built in, overridden year by year by what
 * administrators published, plus local adjustments.
 */
export async function effectiveCalendar(db: Connection, zone: { timeZone: string; utcOffsetMinutes: number }): Promise<WorkCalendar> {
  const base = defaultCalendar(zone);
  const [years, adjustments] = await Promise.all([
    calendarYearModel(db).find().sort({ year: 1 }).lean(),
    calendarAdjustmentModel(db).find().sort({ date: 1 }).lean(),
  ]);
  const byYear = new Map<number, CalendarYear>(base.years.map((y) => [y.year, y]));
  for (const y of years) {
    byYear.set(y.year, { year: y.year, holidays: y.holidays, workdays: y.workdays, published: y.published, source: y.source });
  }
  return {
    timeZone: base.timeZone,
    utcOffsetMinutes: base.utcOffsetMinutes,
    years: [...byYear.values()].sort((a, b) => a.year - b.year),
    adjustments: adjustments.map((a) => ({ date: a.date, working: a.working, reason: a.reason, source: a.source })),
  };
}
