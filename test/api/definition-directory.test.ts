import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const code = licence.item.code;
const reviewIndex = licence.nodes.findIndex((node) => node.id === 'review');
const withReviewRole = (role: string) => ({ ...licence, nodes: licence.nodes.map((node) => (node.id === 'review' ? { ...node, role } : node)) });

describe('publishing checks the directory', () => {
  let api: ApiHarness;
  let admin: string;
  let revision = 0;
  const saveAndPublish = async (definition: object) => {
    const saved = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: revision === 0 ? { definition } : { definition, revision } });
    expect(saved.status).toBe(200);
    revision = saved.body.revision as number;
    return api.call(`/definitions/${code}/publish`, { token: admin, body: { revision } });
  };
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
  });
  afterAll(() => api?.stop());

  it('refuses tasks of a department or role the directory does not have, naming the node and the field', async () => {
    const empty = await saveAndPublish(licence);
    expect(empty.status).toBe(422);
    expect(problem(empty).code).toBe('definition-directory');
    expect(empty.body.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_DEPARTMENT', path: '/item/department' }));

    await api.people(admin, [
      { username: 'health-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
    ]);
    const directory = await api.call('/definitions/directory', { token: admin });
    expect(directory.status).toBe(200);
    expect(directory.body).toEqual({ departments: ['health-commission'], positions: ['acceptor', 'approver', 'reviewer', 'undertaker'] });

    const typo = await saveAndPublish(withReviewRole('reviwer'));
    expect(typo.status).toBe(422);
    expect(problem(typo).code).toBe('definition-directory');
    expect(problem(typo).detail).toContain("role 'reviwer'");
    expect(typo.body.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_ROLE', nodeId: 'review', path: `/nodes/${reviewIndex}/role` })]);
    expect((await api.call(`/definitions/${code}/versions`, { token: admin })).body).toEqual([]);

    const fixed = await saveAndPublish(licence);
    expect(fixed.status).toBe(201);
    expect(fixed.body.version).toBe(1);
  });

  it('counts only the positions of active users, and answers the directory to administrators only', async () => {
    await api.people(admin, [{ username: 'signer', roles: ['clerk'], department: 'health-commission', positions: ['signer'] }]);
    expect((await api.call('/definitions/directory', { token: admin })).body.positions).toContain('signer');
    expect((await api.call('/users/signer', { method: 'PATCH', token: admin, body: { active: false } })).status).toBe(200);
    const refused = await saveAndPublish(withReviewRole('signer'));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'UNKNOWN_ROLE', nodeId: 'review' });

    const { auditor } = (await api.people(admin, [{ username: 'auditor', roles: ['auditor'] }])) as { auditor: string };
    expect((await api.call('/definitions/directory', { token: auditor })).status).toBe(403);
  });
});
