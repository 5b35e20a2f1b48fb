import { describe, expect, it } from 'vitest';
import { byStatus, summarize, type RollupRow } from '../../../domain/statistics/aggregate';
import { parsePeriod, periodOf, previousPeriod } from '../../../domain/statistics/periods';
import { statisticsTable, statusTable, toCsv } from '../../../domain/statistics/table';

const rows: RollupRow[] = [
  { day: '2026-03-31', department: 'health', itemCode: 'a', category: 'administrative-licence',
    counts: { submitted: 2, concludedOnTime: 1, concludedLate: 1 }, sums: { workingDaysUsed: 30, statutoryDays: 40 } },
  { day: '2026-04-01', department: 'health', itemCode: 'b', category: 'public-service', counts: { submitted: 1, concludedOnTime: 2 }, sums: { workingDaysUsed: 6, statutoryDays: 20 } },
  { day: '2026-04-02', department: 'police', itemCode: 'c', category: 'administrative-licence', counts: { submitted: 5, ratings: 2 }, sums: { satisfaction: 9 } },
];

describe('periods', () => {
  it('names and bounds months, quarters and years', () => {
    expect(['day', 'month', 'quarter', 'year'].map((g) => periodOf('2026-08-15', g as 'day'))).toEqual(['2026-08-15', '2026-08', '2026-Q3', '2026']);
    expect(parsePeriod('2028-02')).toEqual({ kind: 'month', key: '2028-02', from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(previousPeriod('month', '2026-01-01').key).toBe('2025-12');
    expect(previousPeriod('quarter', '2026-04-01').key).toBe('2026-Q1');
    expect(previousPeriod('quarter', '2026-02-10').key).toBe('2025-Q4');
  });
});

describe('summarize', () => {
  it('sums day rows into departments by month, with rates and averages', () => {
    const { rows: groups, total } = summarize(rows, { groupBy: ['department', 'period'], granularity: 'month' });
    expect(groups.map((g) => [g.period, g.department, g.counts.submitted])).toEqual([['2026-03', 'health', 2], ['2026-04', 'health', 1], ['2026-04', 'police', 5]]);
    expect(total.counts.submitted).toBe(8);
    expect(total.derived).toEqual({ onTimeRate: 0.75, earlyRate: 0, averageWorkingDays: 9, timeSavedRate: 1 - 36 / 60, averageSatisfaction: 4.5 });
    expect(groups[2]?.derived.onTimeRate).toBeNull();
  });

  it('groups by category over a quarter', () => {
    const { rows: groups } = summarize(rows, { groupBy: ['category', 'period'], granularity: 'quarter' });
    expect(groups.map((g) => [g.period, g.category, g.counts.submitted])).toEqual([
      ['2026-Q1', 'administrative-licence', 2], ['2026-Q2', 'administrative-licence', 5], ['2026-Q2', 'public-service', 1],
    ]);
  });
});

describe('export table', () => {
  it('has a bilingual header, one line per group and the total last; CSV neutralises formulas', () => {
    const { rows: groups, total } = summarize(rows, { groupBy: ['department'] });
    const table = statisticsTable(['department'], groups, total);
    expect(table[0]?.slice(0, 3)).toEqual(['部门 department', '收件 submitted', '受理 accepted']);
    expect(table.map((r) => r[0])).toEqual(['部门 department', 'health', 'police', '合计 total']);
    expect(toCsv([['=HYPERLINK("x")', -1, null, 'a,b']])).toBe('"\'=HYPERLINK(""x"")",-1,,"a,b"\r\n');
  });
});

describe('by status', () => {
  it('splits each group into one row per status reached', () => {
    const { rows: groups } = summarize(rows, { groupBy: ['department', 'status'] });
    const split = byStatus(groups);
    expect(split.filter((r) => r.cases > 0).map((r) => [r.department, r.status, r.cases])).toEqual([
      ['health', 'submitted', 3], ['health', 'concludedOnTime', 3], ['health', 'concludedLate', 1], ['police', 'submitted', 5],
    ]);
    expect(statusTable(['department', 'status'], split.slice(0, 1))).toEqual([['部门 department', '状态 status', '件数 cases'], ['health', 'submitted', 3]]);
  });
});

