import type { ApiContext } from '../context';
import { forbidden, notFound } from '../http/errors';
import { canSeeDepartment, type Principal } from '../http/principal';
import { actorNames, departmentNames } from '../users/names';
import { upheldExclusions } from '../../domain/evaluation/appeal';
import { byPerson } from '../../domain/evaluation/persons';
import { scoreDepartment } from '../../domain/evaluation/score';
import { appealModel } from '../../db/models/appeal';
import { loadEvaluation } from './service';

export const personsQuery = {
  type: 'object',
  properties: { department: { type: 'string', minLength: 1, maxLength: 64, description: "Default: the caller's own department" } },
  additionalProperties: false,
} as const;

export const personsView = {
  type: 'object',
  properties: {
    evaluationId: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'] },
    score: { type: 'number', description: 'The score after upheld appeals' },
    persons: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          userId: { type: ['string', 'null'], description: 'The clerk who had claimed (签收) the steps; null with a position: nobody had; null with no position: no step was to blame' },
          name: { type: ['string', 'null'] },
          position: { type: ['string', 'null'] },
          points: { type: 'number', description: 'Points the lateness they held cost the department (negative)' },
          counts: { type: 'object', additionalProperties: { type: 'integer' } },
          cases: { type: 'array', items: { type: 'string' } },
        },
        required: ['userId', 'name', 'position', 'points', 'counts', 'cases'],
      },
    },
  },
  required: ['evaluationId', 'department', 'departmentName', 'score', 'persons'],
} as const;

/**
 * An evaluation's detail of one department by person (超时责任倒查): what the lateness each clerk
 * (or unclaimed position) held cost the department, after the upheld appeals. A department
 * officer reads their own department; a supervisor those of their oversight.
 */
export async function evaluationByPerson(ctx: ApiContext, id: string, caller: Principal, q: { department?: string }) {
  const department = q.department ?? caller.department;
  if (department === null || department === undefined) throw notFound('A department: name one with `department`');
  if (!canSeeDepartment(caller, department)) throw forbidden('You may read the departments you oversee only.');
  const doc = await loadEvaluation(ctx, id);
  const entry = doc.departments.find((d) => d.department === department);
  if (!entry) throw notFound(`Department ${department} in evaluation ${id}`);
  const upheld = await appealModel(ctx.db).find({ evaluationId: id, department, status: 'upheld' }, { caseNo: 1 }).lean();
  const excluded = upheldExclusions(entry.inputs, upheld.map((a) => a.caseNo));
  const score = scoreDepartment(doc.standardSnapshot, entry.inputs, { excluded });
  const persons = byPerson(entry.inputs, score, excluded);
  const [people, departments] = await Promise.all([
    actorNames(ctx, persons.flatMap((p) => (p.userId ? [{ actorId: p.userId }] : []))),
    departmentNames(ctx, [department]),
  ]);
  return {
    evaluationId: id, department, departmentName: departments.get(department) ?? null, score: score.score,
    persons: persons.map((p) => ({ ...p, name: p.userId ? people.get(p.userId) ?? null : null })),
  };
}
