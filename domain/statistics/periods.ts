import type { LocalDate } from '../calendar/local-date';

export const GRANULARITIES = ['day', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The period a local day falls in: '2026-03-05', '2026-03', '2026-Q1' or '2026'. */
export function periodOf(day: LocalDate, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return day;
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return day.slice(0, 4);
  }
}

/** An evaluation period: a month ('2026-03') or a quarter ('2026-Q1') or a year ('2026'). */
export interface PeriodRange {
  kind: 'month' | 'quarter' | 'year';
  key: string;
  /** First and last local day, inclusive. */
  from: LocalDate;
  to: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function range(kind: PeriodRange['kind'], key: string, year: number, firstMonth: number, lastMonth: number): PeriodRange {
  return { kind, key, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}` };
}

/** Parses a period key ('2026-03', '2026-Q1', '2026'); undefined when it is none of these. */
export function parsePeriod(key: string): PeriodRange | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return range('month', key, Number(m[1]), Number(m[2]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const q = Number(m[2]);
    return range('quarter', key, Number(m[1]), q * 3 - 2, q * 3);
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return range('year', key, Number(m[1]), 1, 12);
  return undefined;
}

/** The period of the given kind that ended most recently before `day` (the one a schedule on `day` evaluates). */
export function previousPeriod(kind: PeriodRange['kind'], day: LocalDate): PeriodRange {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (kind === 'year') return parsePeriod(String(year - 1)) as PeriodRange;
  if (kind === 'month') {
    const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
    return parsePeriod(`${y}-${pad(m)}`) as PeriodRange;
  }
  const quarter = Math.floor((month - 1) / 3) + 1;
  const [y, q] = quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
  return parsePeriod(`${y}-Q${q}`) as PeriodRange;
}

/** The period of the given kind that contains `day`. */
export function periodContaining(kind: PeriodRange['kind'], day: LocalDate): PeriodRange {
  const key = kind === 'month' ? day.slice(0, 7) : kind === 'quarter' ? periodOf(day, 'quarter') : day.slice(0, 4);
  return parsePeriod(key) as PeriodRange;
}
