import writeXlsxFile from 'write-excel-file/node';
import type { ApiContext } from '../context';
import { badRequest, forbidden } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { caseRollupModel } from '../../db/models/case-rollup';
import { parseLocalDate } from '../../domain/calendar/local-date';
import { byStatus, summarize, type Dimension, type RollupRow, type StatisticsRow, type StatusRow } from '../../domain/statistics/aggregate';
import type { Granularity } from '../../domain/statistics/periods';
import { statisticsTable, statusTable, toCsv, type Cell } from '../../domain/statistics/table';

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
export async function statistics(ctx: ApiContext, caller: Principal, q: StatisticsFilter): Promise<StatisticsResult> {
  const dayOf = (field: 'from' | 'to') => {
    try {
      return parseLocalDate(q[field]);
    } catch {
      throw badRequest(`\`${field}\` is not a calendar date.`, [{ in: 'query', pointer: `/${field}`, detail: 'is not a calendar date' }]);
    }
  };
  const span = dayOf('to') - dayOf('from');
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
  const head = { from: q.from, to: q.to, groupBy, granularity: q.granularity };
  if (groupBy.includes('status')) return { ...head, rows: byStatus(summary.rows), total: byStatus([summary.total]) } satisfies StatisticsResult;
  return { ...head, ...summary } satisfies StatisticsResult;
}

export type StatisticsResult = { from: string; to: string; groupBy: Dimension[]; granularity: Granularity } & (
  | { rows: StatisticsRow[]; total: StatisticsRow }
  | { rows: StatusRow[]; total: StatusRow[] }
);

const FIRST_KEY: [Dimension, keyof StatusRow][] = [['period', 'period'], ['department', 'department'], ['category', 'category'], ['item', 'itemCode']];

function tableOf(result: StatisticsResult): Cell[][] {
  if (!Array.isArray(result.total)) return statisticsTable(result.groupBy, result.rows as StatisticsRow[], result.total);
  const first = FIRST_KEY.find(([d]) => result.groupBy.includes(d))?.[1];
  // Grouped by status alone, the rows are the totals already.
  const totals = first === undefined ? [] : result.total.map((r) => ({ ...r, [first]: '合计 total' }));
  return statusTable(result.groupBy, [...(result.rows as StatusRow[]), ...totals]);
}

/** The statistics as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese headings). */
export function statisticsCsv(result: StatisticsResult): string {
  return `\uFEFF${toCsv(tableOf(result))}`;
}

/** The statistics as one XLSX sheet, the heading row frozen. */
export function statisticsXlsx(result: StatisticsResult): Promise<Buffer> {
  const table = tableOf(result);
  const data = table.map((row) => row.map((cell: Cell) => (cell === null ? null : { value: cell, ...(typeof cell === 'string' && { type: String }) })));
  return writeXlsxFile(data, { sheet: '统计 statistics', stickyRowsCount: 1 }).toBuffer();
}
