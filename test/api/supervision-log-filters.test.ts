import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { ApiHarness } from './harness';

describe('supervision log filters and problem codes', () => {
  let h: ApiHarness;
  let token: string;
  let officer: string;
  beforeAll(async () => {
    h = await ApiHarness.start();
    const admin = await h.adminToken();
    const tokens = await h.people(admin, [{ username: 'auditor-a', roles: ['auditor'] }, { username: 'officer-a', roles: ['department-officer'], department: 'health' }]);
    token = tokens['auditor-a'] ?? '';
    officer = tokens['officer-a'] ?? '';
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('filters by sequence range and by the actor\'s username, and refuses a bad range', async () => {
    const range = await h.call('/supervision-log?fromSeq=2&toSeq=3', { token });
    expect(range.body.records.map((r: { seq: number }) => r.seq)).toEqual([3, 2]);
    const byAdmin = await h.call('/supervision-log?actorName=admin&action=user.create', { token });
    expect(byAdmin.body.records.length).toBeGreaterThan(0);
    expect(byAdmin.body.records.every((r: { actor: { username: string } }) => r.actor.username === 'admin')).toBe(true);
    expect((await h.call('/supervision-log?actorName=nobody', { token })).body.records).toEqual([]);
    const bad = await h.call('/supervision-log?fromSeq=-1', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ in: 'query', pointer: '/fromSeq' });
    expect((await h.call('/supervision-log', { token: officer })).status).toBe(403);
  });

  it('codes each problem of the verify answer', async () => {
    expect((await h.call('/supervision-log/verify', { token })).body).toMatchObject({ valid: true, problems: [] });
    await supervisionLogModel(h.db).updateOne({ _id: 2 }, { $set: { actorName: 'intruder' } });
    const broken = await h.call('/supervision-log/verify', { token });
    expect(broken.body.problems).toEqual([expect.objectContaining({ seq: 2, code: 'copies-differ' })]);
    const anchored = await h.call('/supervision-log/verify?anchorSeq=1&anchorHash=' + '0'.repeat(64), { token });
    expect(anchored.body.problems).toContainEqual(expect.objectContaining({ seq: 1, code: 'anchor-differs' }));
  });
});
