import { ROLLUP_COUNTERS, ROLLUP_SUMS } from './counters';
import type { Derived, Dimension, StatisticsRow, StatusRow } from './aggregate';

/** Column headings of exports: Chinese first, the field name after it. */
const LABELS: Record<string, string> = {
  period: '期间', department: '部门', itemCode: '事项', category: '类别',
  submitted: '收件', accepted: '受理', refused: '不予受理', concluded: '办结', approved: '准予', disapproved: '不予批准',
  terminated: '终止', voided: '作废', returned: '退回', concludedOnTime: '按时办结', concludedLate: '超时办结',
  concludedEarly: '提前办结', warnings: '预警', yellowCards: '黄牌', redCards: '红牌', anomalies: '异常',
  integrityAnomalies: '数据异常', supplementNotices: '补正告知', specialProcedures: '特别程序', suspensions: '中止',
  urges: '催办', supervisionOrders: '督办', supervisionOrdersAnswered: '督办已答复', supervisionOrdersAnsweredInTime: '督办按时答复',
  complaints: '投诉', complaintsRespondedInTime: '投诉按时响应', complaintsConcluded: '投诉办结',
  complaintsConcludedInTime: '投诉按时办结', complaintsUpheld: '投诉属实', ratings: '评价',
  workingDaysUsed: '用时合计(工作日)', statutoryDays: '法定时限合计(工作日)', satisfaction: '满意度合计',
  onTimeRate: '按时办结率', earlyRate: '提前办结率', averageWorkingDays: '平均用时(工作日)', timeSavedRate: '提速率',
  averageSatisfaction: '平均满意度', status: '状态', cases: '件数',
};

const DERIVED: (keyof Derived)[] = ['onTimeRate', 'earlyRate', 'averageWorkingDays', 'timeSavedRate', 'averageSatisfaction'];
const KEY_FIELDS: Record<Exclude<Dimension, 'status'>, keyof StatisticsRow> = { period: 'period', department: 'department', category: 'category', item: 'itemCode' };

export type Cell = string | number | null;

/** Statistics as a table — a header row and one row per group, the total last — for CSV and XLSX. */
export function statisticsTable(groupBy: readonly Dimension[], rows: readonly StatisticsRow[], total: StatisticsRow): Cell[][] {
  const keys = (['period', 'department', 'category', 'item'] as const).filter((d) => groupBy.includes(d)).map((d) => KEY_FIELDS[d]);
  const header = [...keys, ...ROLLUP_COUNTERS, ...ROLLUP_SUMS, ...DERIVED].map((f) => `${LABELS[f] ?? f} ${f}`);
  const line = (row: StatisticsRow, first?: string): Cell[] => [
    ...keys.map((k, i) => (i === 0 && first !== undefined ? first : ((row[k] as string | undefined) ?? ''))),
    ...ROLLUP_COUNTERS.map((c) => row.counts[c]),
    ...ROLLUP_SUMS.map((s) => row.sums[s]),
    ...DERIVED.map((d) => (row.derived[d] === null ? null : Math.round((row.derived[d] as number) * 10_000) / 10_000)),
  ];
  return [header, ...rows.map((r) => line(r)), line(total, '合计 total')];
}

/** Statistics by status as a table: the group's keys, the status and its count. */
export function statusTable(groupBy: readonly Dimension[], rows: readonly StatusRow[]): Cell[][] {
  const keys = (['period', 'department', 'category', 'item'] as const).filter((d) => groupBy.includes(d)).map((d) => KEY_FIELDS[d] as keyof StatusRow);
  const header = [...keys, 'status', 'cases'].map((f) => `${LABELS[f] ?? f} ${f}`);
  return [header, ...rows.map((r) => [...keys.map((k) => (r[k] as string | undefined) ?? ''), r.status, r.cases])];
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  // Text that a spreadsheet would read as a formula gets a leading apostrophe.
  const text = typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends. */
export function toCsv(table: readonly Cell[][]): string {
  return table.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
