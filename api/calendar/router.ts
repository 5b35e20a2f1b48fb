import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { actLogged } from '../supervision-log/intents';
import { adjustmentRemoval, calendarYearImport, calendarYearPublication, dayAdjustment } from './effects';
import { daysFromICalendar } from './ical';
import { adjustmentBody, calendarQuery, calendarView, dateParams, icalBody, publicationView, yearBody, yearParams } from './schema';
import { assertYearMatches, readCalendar } from './service';

const tags = ['calendar'];
const published = { 200: { description: 'Published; running cases were told to recompute', schema: publicationView } };

export function calendarRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/calendar', operationId: 'readCalendar', summary: 'The work calendar in force (public)',
      tags, access: 'public', query: calendarQuery,
      responses: { 200: { description: 'The calendar', schema: calendarView } },
      handler: ({ query }) => readCalendar(ctx, query.from, query.to),
    }),
    defineRoute({
      method: 'put', path: '/calendar/years/:year', operationId: 'publishCalendarYear',
      summary: 'Publish one year (holidays and adjusted working days) as JSON',
      tags, access: ['administrator'], params: yearParams, body: yearBody, responses: published,
      handler: async ({ params, body, caller, req }) => {
        assertYearMatches(params.year, body.year);
        return actLogged(ctx, { caller, req }, calendarYearPublication, { year: body, by: caller.username });
      },
    }),
    defineRoute({
      method: 'post', path: '/calendar/years/:year/ical', operationId: 'importCalendarYear',
      summary: 'Publish one year from an iCalendar file (all-day events: holidays; 班/上班/workday: working days)',
      tags, access: ['administrator'], params: yearParams, body: icalBody, bodyLimit: '1200kb', responses: published,
      handler: async ({ params, body, caller, req }) => {
        const days = daysFromICalendar(body.ics, params.year);
        const year = { year: params.year, ...days, published: body.published ?? true, source: body.source };
        return actLogged(ctx, { caller, req }, calendarYearImport, { year, by: caller.username });
      },
    }),
    defineRoute({
      method: 'put', path: '/calendar/adjustments/:date', operationId: 'publishCalendarAdjustment',
      summary: 'Make one local day a working day or a day off',
      tags, access: ['administrator'], params: dateParams, body: adjustmentBody, responses: published,
      handler: async ({ params, body, caller, req }) => {
        return actLogged(ctx, { caller, req }, dayAdjustment, { adjustment: { date: params.date, ...body }, by: caller.username });
      },
    }),
    defineRoute({
      method: 'delete', path: '/calendar/adjustments/:date', operationId: 'removeCalendarAdjustment',
      summary: 'Withdraw a local adjustment',
      tags, access: ['administrator'], params: dateParams, responses: published,
      handler: async ({ params, caller, req }) => {
        return actLogged(ctx, { caller, req }, adjustmentRemoval, params.date);
      },
    }),
  ];
}
