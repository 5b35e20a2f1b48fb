import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { departmentBody, departmentList, departmentView, systemBody, systemCreated, userBody, userList, userView } from './schema';
import { createDepartment, createUser, listDepartments, listUsers, registerSystem } from './service';

export function userRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/departments', operationId: 'createDepartment', summary: 'Create a department',
      tags: ['administration'], access: ['administrator'], body: departmentBody, status: 201,
      responses: { 201: { description: 'Created', schema: departmentView } },
      handler: ({ body }) => createDepartment(ctx.db, body),
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
      handler: ({ body }) => createUser(ctx.db, body),
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
      handler: ({ body }) => registerSystem(ctx.db, body),
    }),
  ];
}
