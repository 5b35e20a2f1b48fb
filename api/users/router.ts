import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { hashPassword, newApiKey } from '../auth/passwords';
import { actLogged } from '../supervision-log/intents';
import { departmentChange, departmentCreation, systemRegistration, userChange, userCreation } from './effects';
import {
  departmentBody, departmentList, departmentParams, departmentPatchBody, departmentView, systemBody, systemCreated, userBody, userList, userListQuery, usernameParams, userPatchBody, userView,
} from './schema';
import { listDepartments } from './departments';
import { listUsers } from './service';

export function userRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/departments', operationId: 'createDepartment', summary: 'Create a department',
      tags: ['administration'], access: ['administrator'], body: departmentBody, status: 201,
      responses: { 201: { description: 'Created', schema: departmentView } },
      handler: ({ body, caller, req }) => actLogged(ctx, { caller, req }, departmentCreation, body),
    }),
    defineRoute({
      method: 'patch', path: '/departments/:code', operationId: 'updateDepartment',
      summary: 'Rename a department or move it under another parent (no cycles)',
      tags: ['administration'], access: ['administrator'], params: departmentParams, body: departmentPatchBody,
      responses: { 200: { description: 'Updated', schema: departmentView } },
      handler: ({ params, body, caller, req }) => actLogged(ctx, { caller, req }, departmentChange, { code: params.code, patch: body }),
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
        const { password, ...rest } = body;
        return actLogged(ctx, { caller, req }, userCreation, { ...rest, passwordHash: await hashPassword(password) });
      },
    }),
    defineRoute({
      method: 'patch', path: '/users/:username', operationId: 'updateUser',
      summary: 'Change a user: name, password, roles, department, positions, or deactivate',
      tags: ['administration'], access: ['administrator'], params: usernameParams, body: userPatchBody,
      responses: { 200: { description: 'Updated', schema: userView } },
      handler: async ({ params, body, caller, req }) => {
        const { password, ...rest } = body;
        const patch = password === undefined ? rest : { ...rest, passwordHash: await hashPassword(password) };
        return actLogged(ctx, { caller, req }, userChange, { username: params.username, patch });
      },
    }),
    defineRoute({
      method: 'get', path: '/users', operationId: 'listUsers', summary: 'List users (active ones unless asked)',
      tags: ['administration'], access: ['administrator'], query: userListQuery,
      responses: { 200: { description: 'Users', schema: userList } },
      handler: ({ query }) => listUsers(ctx.db, query.includeInactive),
    }),
    defineRoute({
      method: 'post', path: '/external-systems', operationId: 'registerExternalSystem',
      summary: 'Register an external approval system; answers its API key once',
      tags: ['administration'], access: ['administrator'], body: systemBody, status: 201,
      responses: { 201: { description: 'Registered', schema: systemCreated } },
      handler: async ({ body, caller, req }) => {
        const { apiKey, keyHash } = newApiKey(body.systemId);
        await actLogged(ctx, { caller, req }, systemRegistration, { ...body, keyHash });
        return { ...body, apiKey };
      },
    }),
  ];
}
