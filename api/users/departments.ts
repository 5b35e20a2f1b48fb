import type { Connection } from 'mongoose';
import type { FromSchema } from 'json-schema-to-ts';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { departmentModel, type DepartmentDoc } from '../../db/models/department';
import { isDuplicateKey } from '../../db/errors';
import { wouldCycle, type DepartmentNode } from '../../domain/organisation/tree';
import { ApiError, conflict, notFound } from '../http/errors';
import type { departmentBody, departmentPatchBody } from './schema';

/** A 422 that names the body member at fault, as a validation error would. */
const refusedField = (code: string, pointer: string, detail: string) =>
  new ApiError(422, code, 'Cannot be processed', detail, { errors: [{ in: 'body', pointer, detail }] });

const viewOf = (d: { code: string; name: string; parent?: string | null }) => ({ code: d.code, name: d.name, parent: d.parent ?? null });

async function tree(db: Connection): Promise<DepartmentNode[]> {
  const docs = await departmentModel(db).find({}, { code: 1, parent: 1 }).lean();
  return docs.map((d) => ({ code: d.code, parent: d.parent ?? null }));
}

async function requireParent(db: Connection, parent: string): Promise<void> {
  if (!(await departmentModel(db).exists({ code: parent }))) {
    throw refusedField('unknown-parent', '/parent', `Department ${parent} does not exist.`);
  }
}

/** Creates a department; `intent` names the logged action, whose repeat finds the department it made. */
export async function createDepartment(db: Connection, body: FromSchema<typeof departmentBody>, intent: string) {
  const parent = body.parent ?? null;
  if (parent !== null) await requireParent(db, parent);
  try {
    await departmentModel(db).create({ ...body, parent, intent });
  } catch (err) {
    if (isDuplicateKey(err) && (await departmentModel(db).exists({ code: body.code, intent }))) return viewOf({ ...body, parent });
    if (isDuplicateKey(err)) throw conflict('department-exists', `Department ${body.code} exists already.`);
    throw err;
  }
  return viewOf({ ...body, parent });
}

/**
 * Renames a department or moves it under another parent (null: to the top). A parent that is
 * the department itself or lies below it would close a cycle and is refused. Two moves at one
 * moment can each pass that check and close a cycle together, so the move is checked again
 * once written and undone if it did: the tree never keeps a cycle.
 */
export async function updateDepartment(db: Connection, code: string, patch: FromSchema<typeof departmentPatchBody>) {
  const departments = departmentModel(db);
  const current = await departments.findOne({ code }).lean();
  if (!current) throw notFound(`Department ${code}`);
  const parent = patch.parent;
  if (parent !== undefined && parent !== null) {
    await requireParent(db, parent);
    if (wouldCycle(await tree(db), code, parent)) {
      throw refusedField('department-cycle', '/parent', `Department ${parent} is ${code} itself or lies below it; a department cannot be its own ancestor.`);
    }
  }
  // One compare-and-swap by `_id` on FerretDB: a rename and a move at the same instant both land.
  if (!(await guardedUpdate(departments, current._id, ALWAYS, { $set: patch }))) throw notFound(`Department ${code}`);
  const updated = await departments.findById(current._id).lean();
  if (!updated) throw notFound(`Department ${code}`);
  if (parent !== undefined && parent !== null && wouldCycle(await tree(db), code, parent)) {
    const stillMoved = { filter: { parent }, holds: (d: DepartmentDoc | null) => d?.parent === parent };
    await guardedUpdate(departments, current._id, stillMoved, { $set: { parent: current.parent ?? null } });
    throw conflict('department-moved-concurrently', `Department ${parent} was moved below ${code} at the same moment; try again.`);
  }
  return viewOf(updated);
}

export async function listDepartments(db: Connection) {
  const docs = await departmentModel(db).find().sort({ code: 1 }).lean();
  return docs.map(viewOf);
}
