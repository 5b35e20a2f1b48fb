import writeXlsxFile from 'write-excel-file/node';
import type { ApiContext } from '../context';
import { badRequest, forbidden } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { caseRollupModel } from '../../db/models/case-rollup';
import { parseLocalDate } from '../../domain/calendar/local-date';
import { summarize, type Dimension, type RollupRow } from '../../domain/statistics/aggregate';
import type { Granularity } from '../../domain/statistics/periods';
import { statisticsTable, toCsv, type Cell } from '../../domain/statistics/table';

export interface StatisticsFilter {
  from: string;
  to: string;
  department?: string;
  itemCode?: string;
  category?: string;
  groupBy: string;
  granularity: Granularity;
}

const MAX_DAYS = 3 * 366;

/** The rollup rows of the filter (read by the day and department indexes: never the cases), summed into groups. */
export async function statistics(ctx: ApiContext, caller: Principal, q: StatisticsFilter) {
  const span = parseLocalDate(q.to) - parseLocalDate(q.from);
  if (span < 0) throw badRequest('`to` must not be before `from`.', [{ in: 'query', pointer: '/to', detail: 'is before from' }]);
  if (span > MAX_DAYS) throw badRequest('Ask for at most three years at a time.', [{ in: 'query', pointer: '/to', detail: 'is more than three years after from' }]);
  const groupBy = [...new Set(q.groupBy.split(','))] as Dimension[];
  const filter: Record<string, unknown> = { day: { $gte: q.from, $lte: q.to } };
  const visible = visibleDepartments(caller);
  if (q.department !== undefined) {
    if (visible !== null && !visible.includes(q.department)) throw forbidden('You may read the statistics of your own department only.');
    filter['department'] = q.department;
  } else if (visible !== null) {
    filter['department'] = { $in: visible };
  }
  if (q.itemCode !== undefined) filter['itemCode'] = q.itemCode;
  if (q.category !== undefined) filter['category'] = q.category;
  const rows = await caseRollupModel(ctx.db).find(filter, { day: 1, department: 1, itemCode: 1, category: 1, counts: 1, sums: 1 }).lean();
  const summary = summarize(rows as unknown as RollupRow[], { groupBy, granularity: q.granularity });
  return { from: q.from, to: q.to, groupBy, granularity: q.granularity, ...summary };
}

/** The statistics as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese headings). */
export function statisticsCsv(result: Awaited<ReturnType<typeof statistics>>): string {
  return `\uFEFF${toCsv(statisticsTable(result.groupBy, result.rows, result.total))}`;
}

/** The statistics as one XLSX sheet, the heading row frozen. */
export function statisticsXlsx(result: Awaited<ReturnType<typeof statistics>>): Promise<Buffer> {
  const table = statisticsTable(result.groupBy, result.rows, result.total);
  const data = table.map((row) => row.map((cell: Cell) => (cell === null ? null : { value: cell, ...(typeof cell === 'string' && { type: String }) })));
  return writeXlsxFile(data, { sheet: '统计 statistics', stickyRowsCount: 1 }).toBuffer();
}
