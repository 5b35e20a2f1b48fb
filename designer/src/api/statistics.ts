import { sessionStore } from '../auth/session';
import { api, apiErrorOf, fetchApi } from './client';
import type { Answer } from './contract';

type Answered = Answer<'readStatistics'>;
/** One row of `GET /statistics` grouped by department or item: counters, sums and derived rates (the other row shape counts cases by status). */
export type StatisticsRow = Extract<Answered['rows'][number], { counts: unknown }>;
export type Statistics = Omit<Answered, 'rows' | 'total'> & { rows: StatisticsRow[]; total: StatisticsRow };

/** Statistics over local days `from`..`to` (inclusive), grouped by department or by item. */
export function statistics(by: 'department' | 'item', from: string, to: string): Promise<Statistics> {
  return api<Statistics>('/statistics', { query: { from, to, groupBy: by } });
}

/** The same table as a spreadsheet (CSV or XLSX, with a total line), fetched with the token and saved from a blob. */
export async function downloadStatistics(by: 'department' | 'item', from: string, to: string, format: 'csv' | 'xlsx'): Promise<void> {
  const query = new URLSearchParams({ from, to, groupBy: by, format });
  const response = await fetchApi(`/api/v1/statistics?${query.toString()}`, { headers: { Authorization: `Bearer ${sessionStore.getState().token ?? ''}` } });
  if (!response.ok) throw await apiErrorOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `statistics-${by}-${from}-${to}.${format}`;
  link.click();
  URL.revokeObjectURL(url);
}

/** Overdue steps and cards by who held the step (超时责任倒查): the clerk who claimed it, else the position. */
export type HolderRow = Answer<'readHolderStatistics'>[number];
export function holderStatistics(from: string, to: string, department?: string): Promise<HolderRow[]> {
  return api<HolderRow[]>('/statistics/holders', { query: { from, to, department } });
}
