import { api } from './client';
import type { Answer } from './contract';

type Answered = Answer<'readStatistics'>;
/** One row of `GET /statistics` grouped by department or item: counters, sums and derived rates (the other row shape counts cases by status). */
export type StatisticsRow = Extract<Answered['rows'][number], { counts: unknown }>;
export type Statistics = Omit<Answered, 'rows' | 'total'> & { rows: StatisticsRow[]; total: StatisticsRow };

/** Statistics over local days `from`..`to` (inclusive), grouped by department or by item. */
export function statistics(by: 'department' | 'item', from: string, to: string): Promise<Statistics> {
  return api<Statistics>('/statistics', { query: { from, to, groupBy: by } });
}
