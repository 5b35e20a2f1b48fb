import type { LocalDate } from '../calendar/local-date';
import { addInto, ROLLUP_COUNTERS, ROLLUP_SUMS, type Counts, type RollupCounter, type RollupSum, type Sums } from './counters';
import { periodOf, type Granularity } from './periods';

export const DIMENSIONS = ['department', 'item', 'category', 'period', 'status'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The statuses a case passes through, each counted on the day it was reached: 收件, 受理,
 * 补正告知, 特别程序, 中止, then its end — 不予受理, 准予, 不予批准, 终止, 作废, 退回 —
 * and whether it ended in time.
 */
export const STATUS_COUNTERS = [
  'submitted', 'accepted', 'supplementNotices', 'specialProcedures', 'suspensions', 'refused', 'approved', 'disapproved',
  'terminated', 'voided', 'returned', 'concludedOnTime', 'concludedLate',
] as const satisfies readonly RollupCounter[];

/** A group's cases by status: one row per status, `cases` reaching it in the group. */
export interface StatusRow {
  department?: string;
  itemCode?: string;
  category?: string;
  period?: string;
  status: (typeof STATUS_COUNTERS)[number];
  cases: number;
}

/** Statistics grouped by status besides the other dimensions: each group's row split into its statuses. */
export function byStatus(rows: readonly StatisticsRow[]): StatusRow[] {
  return rows.flatMap(({ counts, sums: _sums, derived: _derived, ...key }) => STATUS_COUNTERS.map((status) => ({ ...key, status, cases: counts[status] })));
}

/** One rollup row as stored: a local day, a department, an item and its category. */
export interface RollupRow {
  day: LocalDate;
  department: string;
  itemCode: string;
  category: string;
  counts?: Counts;
  sums?: Sums;
}

/** Rates and averages derived from a group's counters; null when there is nothing to divide by. */
export interface Derived {
  /** Concluded on time / concluded after acceptance. */
  onTimeRate: number | null;
  /** Concluded in fewer working days than the statutory limit / concluded after acceptance. */
  earlyRate: number | null;
  /** Working days used per case concluded after acceptance. */
  averageWorkingDays: number | null;
  /** 1 − days used / statutory days, over the cases concluded after acceptance. */
  timeSavedRate: number | null;
  averageSatisfaction: number | null;
}

export interface StatisticsRow {
  department?: string;
  itemCode?: string;
  category?: string;
  period?: string;
  counts: Record<RollupCounter, number>;
  sums: Record<RollupSum, number>;
  derived: Derived;
}

export interface StatisticsQuery {
  groupBy: Dimension[];
  /** How `period` groups days; default 'month'. */
  granularity?: Granularity;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Rates and averages of summed counters. */
export function derive(counts: Counts, sums: Sums): Derived {
  const concluded = (counts.concludedOnTime ?? 0) + (counts.concludedLate ?? 0);
  const statutory = sums.statutoryDays ?? 0;
  return {
    onTimeRate: ratio(counts.concludedOnTime ?? 0, concluded),
    earlyRate: ratio(counts.concludedEarly ?? 0, concluded),
    averageWorkingDays: ratio(sums.workingDaysUsed ?? 0, concluded),
    timeSavedRate: statutory === 0 ? null : 1 - (sums.workingDaysUsed ?? 0) / statutory,
    averageSatisfaction: ratio(sums.satisfaction ?? 0, counts.ratings ?? 0),
  };
}

function complete<K extends string>(keys: readonly K[], values: Partial<Record<K, number>>): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? 0])) as Record<K, number>;
}

function keyOf(row: RollupRow, query: StatisticsQuery): Omit<StatisticsRow, 'counts' | 'sums' | 'derived'> {
  const key: Omit<StatisticsRow, 'counts' | 'sums' | 'derived'> = {};
  for (const dimension of query.groupBy.filter((d) => d !== 'status')) {
    if (dimension === 'department') key.department = row.department;
    if (dimension === 'item') key.itemCode = row.itemCode;
    if (dimension === 'category') key.category = row.category;
    if (dimension === 'period') key.period = periodOf(row.day, query.granularity ?? 'month');
  }
  return key;
}

/**
 * Sums day rows into groups (any of department, item, category and period — days summed
 * into months, quarters or years), sorted by their keys, with a grand total.
 */
export function summarize(rows: readonly RollupRow[], query: StatisticsQuery): { rows: StatisticsRow[]; total: StatisticsRow } {
  const groups = new Map<string, { key: ReturnType<typeof keyOf>; counts: Counts; sums: Sums }>();
  const totalCounts: Counts = {};
  const totalSums: Sums = {};
  for (const row of rows) {
    const key = keyOf(row, query);
    const id = `${key.department ?? ''}\u0000${key.itemCode ?? ''}\u0000${key.category ?? ''}\u0000${key.period ?? ''}`;
    let group = groups.get(id);
    if (!group) {
      group = { key, counts: {}, sums: {} };
      groups.set(id, group);
    }
    addInto(group.counts, row.counts);
    addInto(group.sums, row.sums);
    addInto(totalCounts, row.counts);
    addInto(totalSums, row.sums);
  }
  const finish = (key: ReturnType<typeof keyOf>, counts: Counts, sums: Sums): StatisticsRow => ({
    ...key, counts: complete(ROLLUP_COUNTERS, counts), sums: complete(ROLLUP_SUMS, sums), derived: derive(counts, sums),
  });
  const sortKey = (r: ReturnType<typeof keyOf>) => [r.period ?? '', r.department ?? '', r.category ?? '', r.itemCode ?? ''].join('\u0000');
  const result = [...groups.values()]
    .sort((a, b) => (sortKey(a.key) < sortKey(b.key) ? -1 : sortKey(a.key) > sortKey(b.key) ? 1 : 0))
    .map((g) => finish(g.key, g.counts, g.sums));
  return { rows: result, total: finish({}, totalCounts, totalSums) };
}
