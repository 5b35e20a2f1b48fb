import type { Connection } from 'mongoose';
import type { FromSchema } from 'json-schema-to-ts';
import { departmentModel } from '../../db/models/department';
import { externalSystemModel } from '../../db/models/external-system';
import { userModel, type UserDoc } from '../../db/models/user';
import { guardedUpdate } from '../../db/guarded-write';
import { principalOf } from '../auth/service';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Principal } from '../http/principal';
import type { systemBody, userBody, userPatchBody } from './schema';
import { isDuplicateKey } from '../../db/errors';

const DEPARTMENT_ROLES = new Set(['clerk', 'department-officer']);

/** The body of a new user with the password replaced by its hash (an intent must not hold the password). */
export type NewUser = Omit<FromSchema<typeof userBody>, 'password'> & { passwordHash: string };

export async function createUser(db: Connection, body: NewUser, intent: string): Promise<Principal> {
  const needsDepartment = body.roles.some((r) => DEPARTMENT_ROLES.has(r));
  if (needsDepartment && !body.department) {
    throw unprocessable('department-required', 'A clerk or department supervision officer belongs to a department.');
  }
  if (body.department && !(await departmentModel(db).exists({ code: body.department }))) {
    throw unprocessable('unknown-department', `Department ${body.department} does not exist.`);
  }
  try {
    const doc = await userModel(db).create({
      username: body.username,
      name: body.name,
      passwordHash: body.passwordHash,
      roles: body.roles,
      department: body.department ?? null,
      positions: body.positions ?? [],
      email: body.email ?? null,
      phone: body.phone ?? null,
      intent,
    });
    return principalOf(doc.toObject());
  } catch (err) {
    const mine = isDuplicateKey(err) ? await userModel(db).findOne({ username: body.username, intent }).lean() : null;
    if (mine) return principalOf(mine);
    if (isDuplicateKey(err)) throw conflict('user-exists', `User ${body.username} exists already.`);
    throw err;
  }
}

const SESSION_FIELDS = ['passwordHash', 'roles', 'department', 'positions', 'active'] as const;

/** A change of a user with the password replaced by its hash. */
export type UserPatch = Omit<FromSchema<typeof userPatchBody>, 'password'> & { passwordHash?: string };

/**
 * Sets the given fields, so applying the same patch twice changes nothing more. The write is
 * one compare-and-swap by `_id` (db/guarded-write.ts), so two edits of one user at the same
 * instant, from two API processes too, both land; the role/department rule is tested again on
 * the stored user the write is computed from, and a concurrent edit that breaks it is a 409.
 */
export async function updateUser(db: Connection, username: string, patch: UserPatch, intent: string): Promise<Principal> {
  const users = userModel(db);
  const current = await users.findOne({ username }).lean();
  if (!current) throw notFound(`User ${username}`);
  const departmentOf = (user: UserDoc) => (patch.department === undefined ? user.department : patch.department);
  const lacksDepartment = (user: UserDoc) => (patch.roles ?? user.roles).some((r) => DEPARTMENT_ROLES.has(r)) && !departmentOf(user);
  if (lacksDepartment(current)) {
    throw unprocessable('department-required', 'A clerk or department supervision officer belongs to a department.');
  }
  if (patch.department && !(await departmentModel(db).exists({ code: patch.department }))) {
    throw unprocessable('unknown-department', `Department ${patch.department} does not exist.`);
  }
  // A new password, new rights or deactivation ends every session issued before it, once
  // per logged change: a repeat of the same intent finds it applied and bumps nothing.
  const changesSessions = SESSION_FIELDS.some((field) => patch[field] !== undefined);
  const stillValid = (user: UserDoc | null) => user !== null && !lacksDepartment(user);
  const write = (user: UserDoc) => (changesSessions && user.sessionIntent !== intent
    ? { $set: { ...patch, sessionIntent: intent }, $inc: { sessionVersion: 1 } }
    : { $set: patch });
  // The update depends on the stored `sessionIntent`, so it is chosen for the version read and
  // guarded by it: a concurrent change of it makes the write try again from the newer user.
  for (;;) {
    const stored = await users.findById(current._id).lean();
    if (!stored) throw notFound(`User ${username}`);
    if (!stillValid(stored)) throw conflict('user-changed-concurrently', `User ${username} was changed at the same moment; the department is now required. Reload and try again.`);
    const guard = {
      filter: { sessionIntent: stored.sessionIntent ?? null },
      holds: (user: UserDoc | null) => stillValid(user) && (user?.sessionIntent ?? null) === (stored.sessionIntent ?? null),
    };
    if (await guardedUpdate(users, current._id, guard, write(stored))) break;
  }
  const updated = await users.findById(current._id).lean();
  if (!updated) throw notFound(`User ${username}`);
  return principalOf(updated);
}

export async function listUsers(db: Connection, includeInactive = false) {
  const docs = await userModel(db).find(includeInactive ? {} : { active: true }).sort({ username: 1 }).lean();
  return docs.map((d) => ({ ...principalOf(d), email: d.email ?? null, phone: d.phone ?? null, active: d.active }));
}

/** Registers an external system under the hash of its key. */
export async function registerSystem(db: Connection, body: FromSchema<typeof systemBody> & { keyHash: string }, intent: string) {
  try {
    await externalSystemModel(db).create({ ...body, intent });
  } catch (err) {
    if (isDuplicateKey(err) && (await externalSystemModel(db).exists({ systemId: body.systemId, intent }))) return;
    if (isDuplicateKey(err)) throw conflict('system-exists', `System ${body.systemId} is registered already.`);
    throw err;
  }
}
