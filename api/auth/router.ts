import type { ApiContext } from '../context';
import { ApiError } from '../http/errors';
import { hasRole, ROLES } from '../http/principal';
import { defineRoute, type RouteSpec } from '../http/route';
import { logAction } from '../supervision-log/append';
import { loginBody, loginResponse, principalSchema } from './schema';
import { authenticate } from './service';
import { LoginThrottle } from './throttle';

export function authRoutes(ctx: ApiContext): RouteSpec[] {
  const throttle = new LoginThrottle(ctx.db, ctx.now);
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      summary: 'Sign in with a username and password; answers a bearer token',
      tags: ['auth'],
      access: 'public',
      body: loginBody,
      responses: { 200: { description: 'Signed in', schema: loginResponse }, 429: { description: 'Too many failed attempts; see Retry-After' } },
      handler: async ({ body, req }) => {
        const attempt = await throttle.begin(body.username, req.ip ?? '?');
        const session = await authenticate(ctx.db, body.username, body.password).catch(async (err: unknown) => {
          // Only a wrong password counts; any other failure (e.g. the database down) is taken back.
          if (!(err instanceof ApiError && err.status === 401)) await attempt.release();
          throw err;
        });
        await throttle.succeeded(attempt, body.username);
        const issued = await ctx.tokens.issue(session);
        const { user } = session;
        // The supervision office's and the administrators' sessions belong in their log.
        if (hasRole(user, 'administrator', 'supervisor')) await logAction(ctx, { caller: user, req }, 'auth.sign-in', { kind: 'user', id: user.username });
        return { ...issued, user };
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
