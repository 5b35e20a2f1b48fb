import type { ApiContext } from '../context';
import { ApiError } from '../http/errors';
import { hasRole, ROLES } from '../http/principal';
import { defineRoute, type RouteSpec } from '../http/route';
import { logAction } from '../supervision-log/append';
import { loginBody, loginResponse, passwordChangeBody, principalSchema } from './schema';
import { authenticate, changeOwnPassword } from './service';
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
      beforePasswordChange: true,
      responses: { 200: { description: 'The caller', schema: principalSchema } },
      handler: async ({ caller }) => caller,
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password',
      operationId: 'changeOwnPassword',
      summary: "Change the caller's own password (the current one given again); answers a new token, as older sessions end",
      tags: ['auth'],
      access: ROLES,
      beforePasswordChange: true,
      body: passwordChangeBody,
      responses: {
        200: { description: 'Changed; the new token', schema: loginResponse },
        422: { description: 'Wrong current password, or the new one is the same' },
      },
      handler: async ({ caller, body, req }) => {
        const session = await changeOwnPassword(ctx.db, caller.userId, body.currentPassword, body.newPassword);
        if (hasRole(session.user, 'administrator', 'supervisor')) {
          await logAction(ctx, { caller: session.user, req }, 'auth.password-changed', { kind: 'user', id: session.user.username });
        }
        return { ...(await ctx.tokens.issue(session)), user: session.user };
      },
    }),
  ];
}
