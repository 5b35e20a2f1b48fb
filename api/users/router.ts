import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { logAction } from '../supervision-log/append';
import {
  departmentBody, departmentList, departmentView, systemBody, systemCreated, userBody, userList, usernameParams, userPatchBody, userView,
} from './schema';
import { createDepartment, createUser, listDepartments, listUsers, registerSystem, updateUser } from './service';

export function userRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/departments', operationId: 'createDepartment', summary: 'Create a department',
      tags: ['administration'], access: ['administrator'], body: departmentBody, status: 201,
      responses: { 201: { description: 'Created', schema: departmentView } },
      handler: async ({ body, caller, req }) => {
        const created = await createDepartment(ctx.db, body);
        await logAction(ctx, { caller, req }, 'department.create', { kind: 'department', id: body.code }, { name: body.name });
        return created;
      },
    }),
    defineRoute({
      method: 'get', path: '/departments', operationId: 'listDepartments', summary: 'List departments',
      tags: ['administration'], access: ['administrator', 'supervisor', 'auditor', 'clerk', 'department-officer'],
      responses: { 200: { description: 'Departments', schema: departmentList } },
      handler: () => listDepartments(ctx.db),
    }),
    defineRoute({
      method: 'post', path: '/users', operationId: 'createUser', summary: 'Create a user with roles, department and positions',
      tags: ['administration'], access: ['administrator'], body: userBody, status: 201,
      responses: { 201: { description: 'Created', schema: userView } },
      handler: async ({ body, caller, req }) => {
        const created = await createUser(ctx.db, body);
        const { password: _password, ...details } = body;
        await logAction(ctx, { caller, req }, 'user.create', { kind: 'user', id: body.username }, details);
        return created;
      },
    }),
    defineRoute({
      method: 'patch', path: '/users/:username', operationId: 'updateUser',
      summary: 'Change a user: name, password, roles, department, positions, or deactivate',
      tags: ['administration'], access: ['administrator'], params: usernameParams, body: userPatchBody,
      responses: { 200: { description: 'Updated', schema: userView } },
      handler: async ({ params, body, caller, req }) => {
        const updated = await updateUser(ctx.db, params.username, body);
        const { password: _password, ...details } = body;
        await logAction(ctx, { caller, req }, 'user.update', { kind: 'user', id: params.username }, { ...details, passwordChanged: body.password !== undefined });
        return updated;
      },
    }),
    defineRoute({
      method: 'get', path: '/users', operationId: 'listUsers', summary: 'List active users',
      tags: ['administration'], access: ['administrator'],
      responses: { 200: { description: 'Users', schema: userList } },
      handler: () => listUsers(ctx.db),
    }),
    defineRoute({
      method: 'post', path: '/external-systems', operationId: 'registerExternalSystem',
      summary: 'Register an external approval system; answers its API key once',
      tags: ['administration'], access: ['administrator'], body: systemBody, status: 201,
      responses: { 201: { description: 'Registered', schema: systemCreated } },
      handler: async ({ body, caller, req }) => {
        const created = await registerSystem(ctx.db, body);
        await logAction(ctx, { caller, req }, 'external-system.register', { kind: 'external-system', id: created.systemId }, { name: body.name, departments: body.departments });
        return created;
      },
    }),
  ];
}
