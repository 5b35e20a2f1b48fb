import { api } from './client';

/** One row of the statistics by department or by item (expected shape; not served yet). */
export interface StatisticsRow {
  key: string;
  name: string;
  cases: number;
  concluded: number;
  /** Concluded within the promised limit, 0..1. */
  onTimeRate: number;
  warnings: number;
  yellowCards: number;
  redCards: number;
  complaints: number;
}

export async function statistics(by: 'department' | 'item', period?: { from: string; to: string }): Promise<StatisticsRow[]> {
  return (await api<{ rows: StatisticsRow[] }>('/statistics', { query: { by, ...period } })).rows;
}
