import type { FromSchema } from 'json-schema-to-ts';
import { loggedEffect } from '../supervision-log/intents';
import type { departmentBody, departmentPatchBody, systemBody } from './schema';
import { createDepartment, updateDepartment } from './departments';
import { createUser, registerSystem, updateUser, type NewUser, type UserPatch } from './service';

/** Administration as logged effects: each is applied once under its intent and recorded once. */
export const departmentCreation = loggedEffect({
  action: 'department.create',
  apply: async (ctx, body: FromSchema<typeof departmentBody>, intent) => ({
    result: await createDepartment(ctx.db, body, intent.id), target: { kind: 'department', id: body.code },
    details: { name: body.name, parent: body.parent ?? null },
  }),
});

export const departmentChange = loggedEffect({
  action: 'department.update',
  apply: async (ctx, args: { code: string; patch: FromSchema<typeof departmentPatchBody> }) => ({
    result: await updateDepartment(ctx.db, args.code, args.patch), target: { kind: 'department', id: args.code }, details: args.patch,
  }),
});

export const userCreation = loggedEffect({
  action: 'user.create',
  apply: async (ctx, body: NewUser, intent) => {
    const { passwordHash: _hash, ...details } = body;
    return { result: await createUser(ctx.db, body, intent.id), target: { kind: 'user', id: body.username }, details };
  },
});

export const userChange = loggedEffect({
  action: 'user.update',
  apply: async (ctx, args: { username: string; patch: UserPatch }, intent) => {
    const { passwordHash, ...details } = args.patch;
    return {
      result: await updateUser(ctx.db, args.username, args.patch, intent.id),
      target: { kind: 'user', id: args.username }, details: { ...details, passwordChanged: passwordHash !== undefined },
    };
  },
});

export const systemRegistration = loggedEffect({
  action: 'external-system.register',
  apply: async (ctx, body: FromSchema<typeof systemBody> & { keyHash: string }, intent) => {
    await registerSystem(ctx.db, body, intent.id);
    return { result: null, target: { kind: 'external-system', id: body.systemId }, details: { name: body.name, departments: body.departments } };
  },
});
