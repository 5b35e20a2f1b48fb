import { rank, type RankedScore } from './score';

/** The last adjustment of each department wins: its `after` is the department's final score. */
export function finalRanking(
  departments: readonly { department: string; score: number }[],
  adjustments: readonly { department: string; after: number }[],
): (RankedScore & { adjusted: boolean; original: number })[] {
  const latest = new Map<string, number>();
  for (const a of adjustments) latest.set(a.department, a.after);
  const finals = departments.map((d) => ({ department: d.department, score: latest.get(d.department) ?? d.score }));
  const original = new Map(departments.map((d) => [d.department, d.score]));
  return rank(finals).map((r) => ({ ...r, adjusted: latest.has(r.department), original: original.get(r.department) ?? r.score }));
}
