import type { ApiContext } from '../context';
import { ROLES } from '../http/principal';
import { defineRoute, type RouteSpec } from '../http/route';
import { loginBody, loginResponse, principalSchema } from './schema';
import { authenticate } from './service';

export function authRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      summary: 'Sign in with a username and password; answers a bearer token',
      tags: ['auth'],
      access: 'public',
      body: loginBody,
      responses: { 200: { description: 'Signed in', schema: loginResponse } },
      handler: async ({ body }) => {
        const user = await authenticate(ctx.db, body.username, body.password);
        return { ...(await ctx.tokens.issue(user)), user };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      operationId: 'me',
      summary: 'The signed-in user',
      tags: ['auth'],
      access: ROLES,
      responses: { 200: { description: 'The caller', schema: principalSchema } },
      handler: async ({ caller }) => caller,
    }),
  ];
}
