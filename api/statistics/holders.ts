import type { ApiContext } from '../context';
import { forbidden } from '../http/errors';
import { visibleDepartments, type Principal } from '../http/principal';
import { caseFactModel } from '../../db/models/case-fact';
import { userModel } from '../../db/models/user';
import { actorNames, departmentNames } from '../users/names';

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
      departmentName: { type: ['string', 'null'] },
      position: { type: 'string' },
      userId: { type: ['string', 'null'], description: 'The clerk who had claimed (签收) the steps; null: nobody had, the position held them' },
      name: { type: ['string', 'null'], description: "That clerk's name" },
      holders: { type: 'array', items: { type: 'string' }, description: 'Names of the clerks of the department holding the position' },
      counts: { type: 'object', additionalProperties: { type: 'integer' } },
      cases: { type: 'array', items: { type: 'string' } },
    },
    required: ['department', 'departmentName', 'position', 'userId', 'name', 'holders', 'counts', 'cases'],
  },
} as const;

/**
 * Overdue steps and the cards they caused, by who held the step (超时责任倒查): the clerk who had
 * claimed it (签收), else its position in its department, with the names of the position's
 * clerks. Facts an upheld appeal took back count for nobody. A department officer reads their
 * own department, a supervisor the departments of their oversight.
 */
export async function holderStatistics(ctx: ApiContext, caller: Principal, q: { from: string; to: string; department?: string }) {
  const visible = visibleDepartments(caller);
  if (q.department !== undefined && visible !== null && !visible.includes(q.department)) {
    throw forbidden('You may read the statistics of the departments you oversee only.');
  }
  const filter: Record<string, unknown> = { day: { $gte: q.from, $lte: q.to }, holder: { $ne: null } };
  if (q.department !== undefined) filter['holder.department'] = q.department;
  else if (visible !== null) filter['holder.department'] = { $in: visible };
  const facts = await caseFactModel(ctx.db).find(filter).sort({ _id: 1 }).limit(20_000).lean();
  const rows = new Map<string, { department: string; position: string; userId: string | null; counts: Record<string, number>; cases: Set<string> }>();
  for (const f of facts) {
    if (!f.holder?.department || !f.holder.position || f.withdrawn) continue;
    const userId = f.holder.userId ?? null;
    const key = `${f.holder.department}|${f.holder.position}|${userId ?? ''}`;
    const row = rows.get(key) ?? { department: f.holder.department, position: f.holder.position, userId, counts: {}, cases: new Set<string>() };
    row.counts[f.counter] = (row.counts[f.counter] ?? 0) + 1;
    row.cases.add(f.caseNo);
    rows.set(key, row);
  }
  const departments = [...new Set([...rows.values()].map((r) => r.department))];
  const claimers = [...new Set([...rows.values()].flatMap((r) => (r.userId ? [r.userId] : [])))];
  const [users, names, people] = await Promise.all([
    userModel(ctx.db).find({ department: { $in: departments }, roles: 'clerk' }, { name: 1, department: 1, positions: 1 }).lean(),
    departmentNames(ctx, departments),
    actorNames(ctx, claimers.map((actorId) => ({ actorId }))),
  ]);
  return [...rows.values()].map((r) => ({
    department: r.department, departmentName: names.get(r.department) ?? null, position: r.position,
    userId: r.userId, name: r.userId ? people.get(r.userId) ?? null : null, counts: r.counts, cases: [...r.cases],
    holders: users.filter((u) => u.department === r.department && (u.positions ?? []).includes(r.position)).map((u) => u.name).sort(),
  }));
}
