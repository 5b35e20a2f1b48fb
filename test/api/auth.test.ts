import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersDirectory } from '../../activities/notify/directory';
import { ADMIN, ApiHarness, PASSWORD, problem } from './harness';

describe('authentication and administration', () => {
  let api: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
  });
  afterAll(() => api?.stop());

  it('signs in and answers the caller', async () => {
    const me = await api.call('/auth/me', { token: admin });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: ADMIN.username, roles: ['administrator'], department: null });
    expect(me.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers the same 401 for an unknown user and a wrong password', async () => {
    const wrong = await api.call('/auth/login', { body: { username: ADMIN.username, password: 'nope' } });
    const unknown = await api.call('/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(problem(wrong).detail).toBe(problem(unknown).detail);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses a missing, malformed or forged token', async () => {
    expect((await api.call('/auth/me')).status).toBe(401);
    expect((await api.call('/auth/me', { token: 'abc' })).status).toBe(401);
    const forged = admin.slice(0, -4) + (admin.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await api.call('/auth/me', { token: forged })).status).toBe(401);
  });

  it('rejects malformed JSON, wrong types, missing and unknown fields with pointers', async () => {
    const malformed = await api.call('/auth/login', { raw: '{"username": "admin",' });
    expect(malformed.status).toBe(400);
    expect(problem(malformed).code).toBe('malformed-json');

    const bad = await api.call('/auth/login', { body: { username: 42, extra: true } });
    expect(bad.status).toBe(400);
    const pointers = problem(bad).errors?.map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/extra', '/password', '/username']);

    const notJson = await api.call('/auth/login', { raw: 'username=admin', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = await api.call('/auth/login', { body: { username: 'admin', password: 'x'.repeat(200_000) } });
    expect(big.status).toBe(413);
    expect(problem(big).code).toBe('payload-too-large');
  });

  it('lets only an administrator create users; a clerk needs a department', async () => {
    const tokens = await api.people(admin, [{ username: 'clerk-a', roles: ['clerk'], department: 'dep-a', positions: ['acceptor'] }]);
    const clerk = tokens['clerk-a'] as string;
    const denied = await api.call('/users', { token: clerk, body: { username: 'x-user', name: 'x', password: 'long-password-1', roles: ['clerk'] } });
    expect(denied.status).toBe(403);
    const noDept = await api.call('/users', { token: admin, body: { username: 'x-user', name: 'x', password: 'long-password-1', roles: ['clerk'] } });
    expect(noDept.status).toBe(422);
    const dup = await api.call('/users', { token: admin, body: { username: 'clerk-a', name: 'x', password: 'long-password-1', roles: ['auditor'] } });
    expect(dup.status).toBe(409);
    const me = await api.call('/auth/me', { token: clerk });
    expect(me.body).toMatchObject({ roles: ['clerk'], department: 'dep-a', positions: ['acceptor'] });
  });

  it('changes users at once: positions, roles, deactivation; lists users and departments', async () => {
    const tokens = await api.people(admin, [{ username: 'clerk-b', roles: ['clerk'], department: 'dep-b', positions: ['acceptor'] }]);
    let clerk = tokens['clerk-b'] as string;
    const moved = await api.call('/users/clerk-b', { method: 'PATCH', token: admin, body: { positions: ['acceptor', 'reviewer'] } });
    expect(moved.status).toBe(200);
    // New positions end the old session; the next one carries them.
    expect((await api.call('/auth/me', { token: clerk })).status).toBe(401);
    clerk = await api.login('clerk-b', PASSWORD);
    expect((await api.call('/auth/me', { token: clerk })).body.positions).toEqual(['acceptor', 'reviewer']);
    expect((await api.call('/users/clerk-b', { method: 'PATCH', token: admin, body: { department: null } })).status).toBe(422);
    expect((await api.call('/users/clerk-b', { method: 'PATCH', token: admin, body: {} })).status).toBe(400);
    expect((await api.call('/users/nobody', { method: 'PATCH', token: admin, body: { active: false } })).status).toBe(404);
    expect((await api.call('/users/clerk-b', { method: 'PATCH', token: clerk, body: { roles: ['administrator'] } })).status).toBe(403);
    const users = await api.call('/users', { token: admin });
    expect(users.body.map((u: { username: string }) => u.username)).toContain('clerk-b');
    expect(JSON.stringify(users.body)).not.toContain('passwordHash');
    const departments = await api.call('/departments', { token: clerk });
    expect(departments.body.map((d: { code: string }) => d.code)).toContain('dep-b');
    expect((await api.call('/users/clerk-b', { method: 'PATCH', token: admin, body: { active: false } })).status).toBe(200);
    expect((await api.call('/auth/me', { token: clerk })).status).toBe(401);
    expect((await api.call('/auth/login', { body: { username: 'clerk-b', password: 'clerk-password-1' } })).status).toBe(401);
  });

  it('keeps the e-mail and phone of a user, so alerts reach them; refuses malformed ones with pointers', async () => {
    await api.people(admin, [{ username: 'clerk-c', roles: ['clerk'], department: 'dep-c', positions: ['reviewer'] }]);
    const body = { username: 'clerk-d', name: '王五', password: 'long-password-1', roles: ['clerk'], department: 'dep-c', positions: ['reviewer'], email: 'wang@example.gov.cn', phone: '+86 138 0000 0000' };
    expect((await api.call('/users', { token: admin, body })).status).toBe(201);
    const bad = await api.call('/users', { token: admin, body: { ...body, username: 'clerk-e', email: 'not-an-address', phone: 'call me' } });
    expect(bad.status).toBe(400);
    expect((problem(bad).errors ?? []).map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/email', '/phone']);
    const patched = await api.call('/users/clerk-c', { method: 'PATCH', token: admin, body: { email: 'li@example.gov.cn' } });
    expect(patched.status).toBe(200);
    const people = await usersDirectory(api.db).resolve([{ kind: 'assignee', role: 'reviewer', department: 'dep-c' }], 'dep-c');
    expect(people.map((p) => [p.id, p.email, p.phone]).sort()).toEqual([
      ['clerk-c', 'li@example.gov.cn', undefined],
      ['clerk-d', 'wang@example.gov.cn', '+86 138 0000 0000'],
    ]);
    expect((await api.call('/users/clerk-c', { method: 'PATCH', token: admin, body: { email: null } })).status).toBe(200);
    const after = await usersDirectory(api.db).resolve([{ kind: 'assignee', role: 'reviewer', department: 'dep-c' }], 'dep-c');
    expect(after.find((p) => p.id === 'clerk-c')?.email).toBeUndefined();
  });

  it('answers 429 after ten failed sign-ins of one user', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await api.call('/auth/login', { body: { username: 'victim', password: `guess-${i}` } })).status).toBe(401);
    }
    const blocked = await api.call('/auth/login', { body: { username: 'victim', password: 'guess-10' } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.call('/auth/login', { body: ADMIN })).status).toBe(200);
  });

  it('answers unknown routes with a problem document', async () => {
    const missing = await api.call('/no-such-thing');
    expect(missing.status).toBe(404);
    expect(problem(missing).code).toBe('not-found');
  });
});
