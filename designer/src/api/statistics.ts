import { api } from './client';

/** One row of `GET /statistics`: counters, sums and derived rates of a department, item or period. */
export interface StatisticsRow {
  period?: string;
  department?: string;
  itemCode?: string;
  category?: string;
  counts: Partial<Record<'submitted' | 'concluded' | 'concludedOnTime' | 'concludedLate' | 'warnings' | 'yellowCards' | 'redCards' | 'complaints' | 'urges' | 'supervisionOrders', number>>;
  derived: { onTimeRate?: number | null; earlyRate?: number | null; averageWorkingDays?: number | null };
}

export interface Statistics {
  from: string;
  to: string;
  rows: StatisticsRow[];
  total: StatisticsRow;
}

/** Statistics over local days `from`..`to` (inclusive), grouped by department or by item. */
export function statistics(by: 'department' | 'item', from: string, to: string): Promise<Statistics> {
  return api<Statistics>('/statistics', { query: { from, to, groupBy: by } });
}
