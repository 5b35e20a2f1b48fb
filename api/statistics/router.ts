import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { statisticsQuery, statisticsView } from './schema';
import { statistics, statisticsCsv, statisticsXlsx } from './service';
import { holderStatistics, holdersQuery, holdersView } from './holders';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function statisticsRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/statistics/holders', operationId: 'readHolderStatistics',
      summary: 'Overdue steps and the cards they caused, by the position (and its clerks) that held the step',
      tags: ['statistics'], access: ['supervisor', 'administrator', 'auditor', 'department-officer'], query: holdersQuery,
      responses: { 200: { description: 'One row per department and position (a department officer sees their own department only)', schema: holdersView } },
      handler: ({ query, caller }) => holderStatistics(ctx, caller, query),
    }),
    defineRoute({
      method: 'get', path: '/statistics', operationId: 'readStatistics',
      summary: 'Counts and durations by department, item, category and period, from the rollups kept at write time; JSON, CSV or XLSX',
      tags: ['statistics'], access: ['supervisor', 'administrator', 'auditor', 'department-officer', 'clerk'], query: statisticsQuery,
      responses: {
        200: {
          description: 'Statistics (a department officer or clerk sees their own department only); with format=csv a text/csv file, with format=xlsx an XLSX workbook',
          schema: statisticsView,
        },
      },
      handler: async ({ query, caller, res }) => {
        const { format, ...filter } = query;
        const result = await statistics(ctx, caller, filter);
        if (format === 'json') return result;
        const name = `statistics-${result.from}-${result.to}`;
        if (format === 'csv') {
          res.status(200).type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(statisticsCsv(result));
          return undefined;
        }
        res.status(200).type(XLSX).attachment(`${name}.xlsx`).send(await statisticsXlsx(result));
        return undefined;
      },
    }),
  ];
}
