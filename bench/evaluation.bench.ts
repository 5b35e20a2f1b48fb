/**
 * Scoring and statistics summing at the size of a city: 60 departments, a quarter's rollup
 * rows (60 departments × 10 items × 92 days) and 1,000 costly case facts per department.
 * Run: npx tsx bench/evaluation.bench.ts — prints figures, asserts nothing.
 */
import { DEFAULT_STANDARD, rank, scoreDepartment, type CaseFact, type DepartmentFacts } from '../domain/evaluation/index';
import { summarize, type RollupRow } from '../domain/statistics/aggregate';
import { statisticsTable, toCsv } from '../domain/statistics/table';

const DEPARTMENTS = 60;
const ITEMS = 10;
const DAYS = 92;
const FACTS = 1_000;
const COSTLY = ['concludedLate', 'warnings', 'yellowCards', 'redCards'] as const;

const departments: DepartmentFacts[] = Array.from({ length: DEPARTMENTS }, (_, d) => ({
  department: `dept-${d}`,
  counts: { submitted: 5_000, concludedOnTime: 4_500 - d * 10, concludedLate: 300 + d * 10, concludedEarly: 3_000, warnings: 250, yellowCards: 250, redCards: 200, complaints: 40, complaintsConcludedInTime: 35, ratings: 900, supervisionOrders: 12, supervisionOrdersAnswered: 11 },
  sums: { satisfaction: 3_900, workingDaysUsed: 40_000, statutoryDays: 96_000 },
  facts: Array.from({ length: FACTS }, (_, i): CaseFact => ({ id: `f-${d}-${i}`, caseNo: `C-${d}-${i % 400}`, counter: COSTLY[i % COSTLY.length] ?? 'warnings', ref: `C-${d}-${i % 400}:${i}` })),
}));

const days = Array.from({ length: DAYS }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
const rows: RollupRow[] = [];
for (let d = 0; d < DEPARTMENTS; d++) {
  for (let i = 0; i < ITEMS; i++) {
    for (const day of days) {
      rows.push({ day, department: `dept-${d}`, itemCode: `item-${d}-${i}`, category: i % 2 ? 'public-service' : 'administrative-licence', counts: { submitted: 5, accepted: 5, concluded: 4, concludedOnTime: 3, concludedLate: 1, warnings: 1 }, sums: { workingDaysUsed: 30, statutoryDays: 80 } });
    }
  }
}

function measure(label: string, runs: number, run: () => unknown): void {
  for (let i = 0; i < 3; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
  console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} runs`);
}

measure(`score and rank ${DEPARTMENTS} departments × ${FACTS} case facts`, 20, () => rank(departments.map((d) => scoreDepartment(DEFAULT_STANDARD, d))));
measure(`rescore one department after an upheld appeal`, 50, () => scoreDepartment(DEFAULT_STANDARD, departments[0] as DepartmentFacts, { excluded: new Set(['C-0-3:3']) }));
measure(`sum ${rows.length} rollup rows by department and month`, 20, () => summarize(rows, { groupBy: ['department', 'period'], granularity: 'month' }));
measure(`sum ${rows.length} rollup rows by item (${DEPARTMENTS * ITEMS} groups) and write CSV`, 20, () => {
  const { rows: groups, total } = summarize(rows, { groupBy: ['item'] });
  return toCsv(statisticsTable(['item'], groups, total));
});
