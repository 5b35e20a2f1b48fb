import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './harness';
import { secondProcess } from './second-process';

const JWT_SECRET = 'a-shared-secret-of-two-limited-processes-012345';

const login = (url: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

describe('limits with the default TRUST_PROXY: a forged X-Forwarded-For changes nothing', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start({ publicLookupFailuresPerHour: 2, complaints: { firstResponseHours: 24, handlingDays: 15, publicPerHour: 2 } });
  });
  afterAll(() => api?.stop());
  const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });

  it('throttles sign-ins', async () => {
    for (let i = 0; i < 10; i++) expect((await login(api.url, 'victim', `guess-${i}`, forged(i))).status).toBe(401);
    const blocked = await login(api.url, 'victim', 'guess-10', forged(10));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('limits failed public look-ups and public filings', async () => {
    const lookups: number[] = [];
    for (let i = 0; i < 3; i++) lookups.push((await api.call('/public/cases/SX2026000000001?queryCode=AAAAAAAA', { headers: forged(i) })).status);
    expect(lookups[2]).toBe(429);
    const filings: number[] = [];
    for (let i = 0; i < 3; i++) {
      filings.push((await api.call('/public/complaints', { body: { complainant: { name: '赵六' }, content: `the queue ${i}` }, headers: forged(i) })).status);
    }
    expect(filings).toEqual([201, 201, 429]);
  });
});

describe('sign-in throttles per username and per address', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Behind a proxy on loopback, as with the documented nginx setup: each X-Forwarded-For is another client.
    api = await ApiHarness.start({ trustProxy: 'loopback' });
    await api.people(await api.adminToken(), [{ username: 'target', roles: ['auditor'] }]);
  });
  afterAll(() => api?.stop());

  it('throttles guesses at one username from many addresses', async () => {
    for (let i = 0; i < 10; i++) expect((await login(api.url, 'target', `guess-${i}`, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    expect((await login(api.url, 'target', 'guess-10', { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
    // Another username from those addresses is not throttled.
    expect((await login(api.url, 'admin', 'admin-password-1', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
  });

  it('throttles guesses spread over many usernames from one address', async () => {
    const from = { 'x-forwarded-for': '192.0.2.50' };
    for (let i = 0; i < 30; i++) expect((await login(api.url, `user-${i}`, 'a-guess', from)).status).toBe(401);
    expect((await login(api.url, 'user-30', 'a-guess', from)).status).toBe(429);
    // A valid account does not reset the address's budget either.
    expect((await login(api.url, 'admin', 'admin-password-1', from)).status).toBe(429);
    expect((await login(api.url, 'admin', 'admin-password-1', { 'x-forwarded-for': '192.0.2.51' })).status).toBe(200);
  });
});

describe('two API processes on one database share the limits', () => {
  let api: ApiHarness;
  let other: Awaited<ReturnType<typeof secondProcess>>;
  beforeAll(async () => {
    api = await ApiHarness.start({ jwtSecret: JWT_SECRET, publicLookupFailuresPerHour: 3 });
    other = await secondProcess(api, { jwtSecret: JWT_SECRET, publicLookupFailuresPerHour: 3 });
  });
  afterAll(async () => {
    await other?.close();
    await api?.stop();
  });

  it('counts failed sign-ins and failed look-ups of both', async () => {
    for (let i = 0; i < 10; i++) expect((await login(i % 2 ? other.url : api.url, 'shared', `guess-${i}`)).status).toBe(401);
    expect((await login(api.url, 'shared', 'guess-10')).status).toBe(429);
    expect((await login(other.url, 'shared', 'guess-11')).status).toBe(429);
    const lookup = (url: string) => fetch(`${url}/public/cases/SX2026000000001?queryCode=BBBBBBBB`);
    const statuses = [(await lookup(api.url)).status, (await lookup(other.url)).status, (await lookup(api.url)).status, (await lookup(other.url)).status];
    expect(statuses[3]).toBe(429);
    expect(statuses.slice(0, 3)).not.toContain(429);
  });

  it('holds under concurrent attempts: no more pass than the limit', async () => {
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => login(i % 2 ? other.url : api.url, 'burst', `guess-${i}`)));
    const statuses = answers.map((a) => a.status);
    // Each attempt is recorded before it is counted, so a burst may be refused early, never let through beyond the limit.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });
});
