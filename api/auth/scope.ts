import type { Connection } from 'mongoose';
import { departmentModel } from '../../db/models/department';
import { oversightScope, scopeReadsTree } from '../../domain/organisation/tree';
import type { Principal } from '../http/principal';

/**
 * The user with the departments they oversee resolved from the stored tree, read on every
 * request like the user itself: a department moved under another county changes what its
 * supervisors see at once.
 */
export async function withScope(db: Connection, user: Principal): Promise<Principal> {
  if (!scopeReadsTree(user)) return { ...user, scope: oversightScope(user, []) };
  const departments = await departmentModel(db).find({}, { code: 1, parent: 1 }).lean();
  return { ...user, scope: oversightScope(user, departments.map((d) => ({ code: d.code, parent: d.parent ?? null }))) };
}
