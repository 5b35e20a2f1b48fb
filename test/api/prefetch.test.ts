import type { Server } from 'node:http';
import express, { Router } from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unauthenticated } from '../../api/http/errors';
import type { Principal } from '../../api/http/principal';
import { problemHandler } from '../../api/http/problem';
import { defineRoute, mountRoutes, type Authenticators } from '../../api/http/route';
import { requestTiming } from '../../api/http/timing';

const clerk: Principal = { userId: 'u1', username: 'clerk', name: '办事员', roles: ['clerk'], department: 'd1', positions: ['reviewer'] };

/** A promise with its resolver, and whether it has settled. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A route's `prefetch` (the case a clerk acts on) starts once the caller's token is verified,
 * beside the look-up of the caller, and never for a request without a valid token.
 */
describe("a route's prefetch", () => {
  let server: Server;
  let base: string;
  const events: string[] = [];
  /** What the authenticator does after the token, per request (`x-user` names the case). */
  let lookUp: (verified: (() => void) | undefined, token: string) => Promise<Principal>;
  let prefetchAnswer: () => Promise<unknown>;

  beforeAll(async () => {
    const auth: Authenticators = {
      user: async (req, verified) => {
        const token = req.get('authorization')?.replace(/^Bearer /, '') ?? '';
        if (token !== 'valid' && token !== 'inactive') throw unauthenticated();
        return lookUp(verified, token);
      },
      system: () => Promise.reject(unauthenticated()),
    };
    const router = Router();
    mountRoutes(router, [defineRoute({
      method: 'get', path: '/things/:id', operationId: 'thing', summary: 'a thing', tags: [], access: ['clerk'],
      params: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z]+$' } }, required: ['id'] },
      responses: { 200: { description: 'the thing' } },
      prefetch: (req) => {
        events.push(`prefetch ${String(req.params['id'])}`);
        return prefetchAnswer();
      },
      handler: async ({ prefetched }) => ({ thing: await prefetched }),
    })], auth);
    const app = express();
    app.use(requestTiming());
    app.use('/api/v1', router);
    app.use(problemHandler(pino({ level: 'silent' })));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const get = (token: string) => fetch(`${base}/things/abc`, { headers: { authorization: `Bearer ${token}` } });

  it('starts once the token is verified, before the caller is read, and the handler gets its answer', async () => {
    events.length = 0;
    const user = deferred<Principal>();
    lookUp = async (verified) => {
      verified?.();
      events.push('user read');
      return user.promise;
    };
    prefetchAnswer = () => Promise.resolve({ id: 'abc' });
    const answer = get('valid');
    await expect.poll(() => events).toContain('prefetch abc');
    expect(events).toEqual(['prefetch abc', 'user read']); // under way while the user is still being read
    user.resolve(clerk);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thing: { id: 'abc' } });
  });

  it('never starts for a request without a valid token', async () => {
    events.length = 0;
    lookUp = async (verified) => {
      verified?.();
      return clerk;
    };
    prefetchAnswer = () => Promise.resolve(null);
    const res = await get('forged');
    expect(res.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('left unread when the caller is refused after the token (an ended session), it leaves no unhandled rejection', async () => {
    events.length = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      lookUp = async (verified) => {
        verified?.();
        throw unauthenticated('The session has ended; sign in again.');
      };
      prefetchAnswer = () => Promise.reject(new Error('the database is gone'));
      const res = await get('inactive');
      expect(res.status).toBe(401);
      expect(events).toEqual(['prefetch abc']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
