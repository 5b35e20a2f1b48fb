import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness, PASSWORD } from './harness';
import { secondProcess } from './second-process';

const JWT_SECRET = 'a-shared-secret-of-two-api-processes-0123456789';

describe('sessions end with a change of password, rights or activity', () => {
  let api: ApiHarness;
  let admin: string;
  let other: Awaited<ReturnType<typeof secondProcess>>;
  beforeAll(async () => {
    api = await ApiHarness.start({ jwtSecret: JWT_SECRET });
    admin = await api.adminToken();
    other = await secondProcess(api, { jwtSecret: JWT_SECRET });
  });
  afterAll(async () => {
    await other?.close();
    await api?.stop();
  });

  const me = async (url: string, token: string) => (await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it.each([
    ['a new password', { password: 'a-new-password-2' }],
    ['new roles', { roles: ['clerk', 'department-officer'] }],
    ['new positions', { positions: ['reviewer'] }],
    ['deactivation', { active: false }],
  ])('answers 401 at once to a token issued before %s, in every API process', async (_what, patch) => {
    const username = `s-${Object.keys(patch)[0]}`;
    const tokens = await api.people(admin, [{ username, roles: ['clerk'], department: 'dep-s', positions: ['acceptor'] }]);
    const old = tokens[username] as string;
    // Both processes have served the token, so a per-process cache would hold the user.
    expect(await me(api.url, old)).toBe(200);
    expect(await me(other.url, old)).toBe(200);
    expect((await api.call(`/users/${username}`, { method: 'PATCH', token: admin, body: patch })).status).toBe(200);
    expect(await me(api.url, old)).toBe(401);
    expect(await me(other.url, old)).toBe(401);
    if (!('active' in patch)) {
      const fresh = await api.login(username, 'password' in patch ? patch.password : PASSWORD);
      expect(await me(other.url, fresh)).toBe(200);
    }
  });

  it('keeps sessions across a change of name or contact details', async () => {
    const tokens = await api.people(admin, [{ username: 's-name', roles: ['clerk'], department: 'dep-s', positions: ['acceptor'] }]);
    expect((await api.call('/users/s-name', { method: 'PATCH', token: admin, body: { name: '李四', email: 'li@example.gov.cn' } })).status).toBe(200);
    expect(await me(other.url, tokens['s-name'] as string)).toBe(200);
  });
});
