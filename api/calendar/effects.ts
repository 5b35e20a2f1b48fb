import type { CalendarYear, LocalAdjustment } from '../../domain/calendar/index';
import type { SupervisionLogAction } from '../../domain/records/supervision-log';
import { loggedEffect } from '../supervision-log/intents';
import { publishAdjustment, publishYear, removeAdjustment } from './service';

/** Calendar changes as logged effects: each writes the same days however often it is applied. */
const yearPublication = (action: SupervisionLogAction, source: 'json' | 'ical') => loggedEffect({
  action,
  apply: async (ctx, args: { year: CalendarYear; by: string }) => ({
    result: await publishYear(ctx, args.year, { username: args.by }),
    target: { kind: 'calendar-year', id: String(args.year.year) },
    details: {
      holidays: args.year.holidays.length, workdays: args.year.workdays.length, source: args.year.source,
      ...(source === 'json' ? { published: args.year.published } : {}),
    },
  }),
});

export const calendarYearPublication = yearPublication('calendar.publish-year', 'json');
export const calendarYearImport = yearPublication('calendar.import-year', 'ical');

export const dayAdjustment = loggedEffect({
  action: 'calendar.adjust-day',
  apply: async (ctx, args: { adjustment: LocalAdjustment; by: string }) => {
    const { date, ...details } = args.adjustment;
    return { result: await publishAdjustment(ctx, args.adjustment, { username: args.by }), target: { kind: 'calendar-day', id: date }, details };
  },
});

export const adjustmentRemoval = loggedEffect({
  action: 'calendar.remove-adjustment',
  apply: async (ctx, date: string, intent) => ({ result: await removeAdjustment(ctx, date, intent.again), target: { kind: 'calendar-day', id: date } }),
});
