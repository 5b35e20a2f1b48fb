import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { FromSchema } from 'json-schema-to-ts';
import { departmentModel } from '../../db/models/department';
import { externalSystemModel } from '../../db/models/external-system';
import { userModel } from '../../db/models/user';
import { principalOf } from '../auth/service';
import { hashApiKey, hashPassword } from '../auth/passwords';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Principal } from '../http/principal';
import type { departmentBody, systemBody, userBody, userPatchBody } from './schema';
import { isDuplicateKey } from '../../db/errors';

const DEPARTMENT_ROLES = new Set(['clerk', 'department-officer']);

export async function createDepartment(db: Connection, body: FromSchema<typeof departmentBody>) {
  try {
    await departmentModel(db).create(body);
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('department-exists', `Department ${body.code} exists already.`);
    throw err;
  }
  return { code: body.code, name: body.name };
}

export async function listDepartments(db: Connection) {
  const docs = await departmentModel(db).find().sort({ code: 1 }).lean();
  return docs.map((d) => ({ code: d.code, name: d.name }));
}

export async function createUser(db: Connection, body: FromSchema<typeof userBody>): Promise<Principal> {
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
      passwordHash: await hashPassword(body.password),
      roles: body.roles,
      department: body.department ?? null,
      positions: body.positions ?? [],
      email: body.email ?? null,
      phone: body.phone ?? null,
    });
    return principalOf(doc.toObject());
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('user-exists', `User ${body.username} exists already.`);
    throw err;
  }
}

const SESSION_FIELDS = ['password', 'roles', 'department', 'positions', 'active'] as const;

/** Changes a user's name, password, roles, department, positions, contact details or activity. */
export async function updateUser(db: Connection, username: string, patch: FromSchema<typeof userPatchBody>): Promise<Principal> {
  const users = userModel(db);
  const current = await users.findOne({ username }).lean();
  if (!current) throw notFound(`User ${username}`);
  const roles = patch.roles ?? current.roles;
  const department = patch.department === undefined ? current.department : patch.department;
  if (roles.some((r) => DEPARTMENT_ROLES.has(r)) && !department) {
    throw unprocessable('department-required', 'A clerk or department supervision officer belongs to a department.');
  }
  if (patch.department && !(await departmentModel(db).exists({ code: patch.department }))) {
    throw unprocessable('unknown-department', `Department ${patch.department} does not exist.`);
  }
  const { password, ...rest } = patch;
  const set: Record<string, unknown> = { ...rest };
  if (password !== undefined) set['passwordHash'] = await hashPassword(password);
  // A new password, new rights or deactivation ends every session issued before it.
  const endsSessions = SESSION_FIELDS.some((field) => patch[field] !== undefined);
  const update = endsSessions ? { $set: set, $inc: { sessionVersion: 1 } } : { $set: set };
  const updated = await users.findOneAndUpdate({ username }, update, { new: true }).lean();
  if (!updated) throw notFound(`User ${username}`);
  return principalOf(updated);
}

export async function listUsers(db: Connection): Promise<Principal[]> {
  const docs = await userModel(db).find({ active: true }).sort({ username: 1 }).lean();
  return docs.map(principalOf);
}

/** Registers an external system and returns its API key, which is stored only as a hash. */
export async function registerSystem(db: Connection, body: FromSchema<typeof systemBody>) {
  const apiKey = `sk_${body.systemId}_${randomBytes(24).toString('base64url')}`;
  try {
    await externalSystemModel(db).create({ ...body, keyHash: hashApiKey(apiKey) });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('system-exists', `System ${body.systemId} is registered already.`);
    throw err;
  }
  return { ...body, apiKey };
}
