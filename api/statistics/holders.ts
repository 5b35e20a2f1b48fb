import type { ApiContext } from '../context';
import { forbidden } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { caseFactModel } from '../../db/models/case-fact';
import { userModel } from '../../db/models/user';

export const holdersQuery = {
  type: 'object',
  properties: {
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    department: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export const holdersView = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      department: { type: 'string' },
      position: { type: 'string' },
      holders: { type: 'array', items: { type: 'string' }, description: 'Names of the clerks of the department holding the position' },
      counts: { type: 'object', additionalProperties: { type: 'integer' } },
      cases: { type: 'array', items: { type: 'string' } },
    },
    required: ['department', 'position', 'holders', 'counts', 'cases'],
  },
} as const;

/**
 * Overdue steps and the cards they caused, by who held the step (超时责任倒查): the position in
 * its department (no clerk claims a step before acting on it), with the names of its clerks.
 * A department officer reads their own department only.
 */
export async function holderStatistics(ctx: ApiContext, caller: Principal, q: { from: string; to: string; department?: string }) {
  const visible = visibleDepartments(caller);
  if (q.department !== undefined && visible !== null && !visible.includes(q.department)) {
    throw forbidden('You may read the statistics of your own department only.');
  }
  const filter: Record<string, unknown> = { day: { $gte: q.from, $lte: q.to }, holder: { $ne: null } };
  if (q.department !== undefined) filter['holder.department'] = q.department;
  else if (visible !== null) filter['holder.department'] = { $in: visible };
  const facts = await caseFactModel(ctx.db).find(filter).sort({ _id: 1 }).limit(20_000).lean();
  const rows = new Map<string, { department: string; position: string; counts: Record<string, number>; cases: Set<string> }>();
  for (const f of facts) {
    if (!f.holder?.department || !f.holder.position) continue;
    const key = `${f.holder.department}|${f.holder.position}`;
    const row = rows.get(key) ?? { department: f.holder.department, position: f.holder.position, counts: {}, cases: new Set<string>() };
    row.counts[f.counter] = (row.counts[f.counter] ?? 0) + 1;
    row.cases.add(f.caseNo);
    rows.set(key, row);
  }
  const departments = [...new Set([...rows.values()].map((r) => r.department))];
  const users = await userModel(ctx.db).find({ department: { $in: departments }, roles: 'clerk' }, { name: 1, department: 1, positions: 1 }).lean();
  return [...rows.values()].map((r) => ({
    department: r.department, position: r.position, counts: r.counts, cases: [...r.cases],
    holders: users.filter((u) => u.department === r.department && (u.positions ?? []).includes(r.position)).map((u) => u.name).sort(),
  }));
}
