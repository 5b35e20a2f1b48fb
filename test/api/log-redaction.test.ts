import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger';
import { ADMIN, ApiHarness } from './harness';
import { secondProcess } from './second-process';

const JWT_SECRET = 'the-secret-of-the-logged-api-process-0123456789';

describe('the log holds no credentials', () => {
  let api: ApiHarness;
  let logged: Awaited<ReturnType<typeof secondProcess>>;
  const lines: string[] = [];
  beforeAll(async () => {
    api = await ApiHarness.start({ jwtSecret: JWT_SECRET });
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(chunk.toString()); done(); } });
    logged = await secondProcess(api, { jwtSecret: JWT_SECRET }, createLogger({ LOG_LEVEL: 'info' }, 'api', sink));
  });
  afterAll(async () => {
    await logged?.close();
    await api?.stop();
  });

  const call = (path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${logged.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it('after sign-ins, a wrong password, cookies and an external system\'s push', async () => {
    const signIn = await call('/auth/login', { body: ADMIN });
    const { token } = (await signIn.json()) as { token: string };
    expect((await call('/auth/login', { body: { username: ADMIN.username, password: 'a-wrong-guess-77' } })).status).toBe(401);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('/departments', { headers: bearer, body: { code: 'dep-log', name: 'dep-log' } })).status).toBe(201);
    const system = await call('/external-systems', { headers: bearer, body: { systemId: 'log-sys', name: 'log-sys', departments: ['dep-log'] } });
    const { apiKey } = (await system.json()) as { apiKey: string };
    const pushed = await call('/ingest/events', { headers: { 'x-api-key': apiKey }, body: { events: [] } });
    expect(pushed.status).toBeLessThan(500);
    expect((await call('/ingest/events', { headers: { 'x-api-key': `${apiKey}-forged` }, body: { events: [] } })).status).toBe(401);
    expect((await call('/auth/me', { headers: { ...bearer, cookie: 'session=cookie-secret-4242' } })).status).toBe(200);
    expect((await call('/public/cases/NO-SUCH-CASE?queryCode=QC-SECRET-9')).status).toBeGreaterThanOrEqual(400);

    const log = lines.join('');
    expect(log).toContain('/ingest/events');
    for (const secret of [token, token.split('.')[2] as string, apiKey, ADMIN.password, 'a-wrong-guess-77', 'cookie-secret-4242', 'QC-SECRET-9']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});
