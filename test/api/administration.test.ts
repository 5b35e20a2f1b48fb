import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { ApiHarness, problem } from './harness';

describe('administration: external systems\' keys and pushes, users\' contact and activity', () => {
  let api: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    expect((await api.call('/departments', { token: admin, body: { code: 'adm-health', name: '卫生健康委员会' } })).status).toBe(201);
  });
  afterAll(() => api?.stop());

  it('rotating a key ends the old one at once, shows the new one once, and lists the last pushes with their rejections', async () => {
    const registered = await api.call('/external-systems', { token: admin, body: { systemId: 'adm-sys', name: '审批系统', departments: ['adm-health'] } });
    expect(registered.status).toBe(201);
    const push = (key: string, events: unknown[]) => api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': key } });
    const bad = { eventId: 'bad-1', caseNo: 'C1', itemCode: 'NO-ITEM', type: 'submitted', occurredAt: new Date().toISOString() };
    expect((await push(registered.body.apiKey, [bad])).body).toMatchObject({ rejected: 1 });

    const rotated = await api.call('/external-systems/adm-sys/key', { method: 'POST', token: admin });
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey).not.toBe(registered.body.apiKey);
    expect((await push(registered.body.apiKey, [bad])).status).toBe(401);
    expect((await push(rotated.body.apiKey, [{ ...bad, eventId: 'bad-2' }])).status).toBe(200);
    expect((await api.call('/external-systems/no-such/key', { method: 'POST', token: admin })).status).toBe(404);

    const list = await api.call('/external-systems', { token: admin });
    expect(list.status).toBe(200);
    const system = list.body.find((s: { systemId: string }) => s.systemId === 'adm-sys');
    expect(JSON.stringify(list.body)).not.toMatch(/keyHash|apiKey|sk_/);
    expect(system.keyRotatedAt).not.toBeNull();
    expect(system.pushes).toHaveLength(2);
    expect(system.pushes[0].refusals[0].eventId).toBe('bad-2');
    expect(system.pushes[1]).toMatchObject({ rejected: 1, refusals: [{ eventId: 'bad-1', status: 'rejected', code: 'unknown-item' }] });
    expect(await supervisionLogModel(api.db).countDocuments({ 'content': { $regex: '"action":"external-system.rotate-key"' } })).toBe(1);
  });

  it('users: e-mail, phone and deactivation are listed; bad input names the field', async () => {
    const body = { username: 'adm-clerk', name: '承办人', password: 'clerk-password-1', roles: ['clerk'], department: 'adm-health', email: 'c@example.cn', phone: '+86 139 0000 0000' };
    expect((await api.call('/users', { token: admin, body })).status).toBe(201);
    expect((await api.call('/users', { token: admin, body })).status).toBe(409);
    const badEmail = await api.call('/users/adm-clerk', { method: 'PATCH', token: admin, body: { email: 'not-an-address' } });
    expect(badEmail.status).toBe(400);
    expect(problem(badEmail).errors?.[0]).toMatchObject({ in: 'body', pointer: '/email' });
    const surrogate = await api.call('/users/adm-clerk', { method: 'PATCH', token: admin, raw: '{"name":"王\\udc00"}' });
    expect(surrogate.status).toBe(400);
    expect(problem(surrogate).errors?.[0]).toMatchObject({ pointer: '/name' });
    const unknown = await api.call('/users/adm-clerk', { method: 'PATCH', token: admin, body: { department: 'nowhere' } });
    expect(unknown.status).toBe(422);
    expect((await api.call('/users/adm-clerk', { method: 'PATCH', token: admin, body: { active: false } })).status).toBe(200);
    expect((await api.call('/users', { token: admin })).body.map((u: { username: string }) => u.username)).not.toContain('adm-clerk');
    const all = await api.call('/users?includeInactive=true', { token: admin });
    expect(all.body.find((u: { username: string }) => u.username === 'adm-clerk')).toMatchObject({
      email: 'c@example.cn', phone: '+86 139 0000 0000', active: false, department: 'adm-health',
    });
  });
});
