import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const code = licence.item.code;

describe('process definitions and the item catalogue', () => {
  let api: ApiHarness;
  let admin: string;
  let supervisor: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    ({ supervisor } = (await api.people(admin, [{ username: 'supervisor', roles: ['supervisor'] }])) as { supervisor: string });
  });
  afterAll(() => api?.stop());

  it('saves a draft with its findings, refuses a stale revision, publishes immutable versions and diffs them', async () => {
    const broken = { ...licence, edges: licence.edges.filter((e) => e.id !== 'e-conclude') };
    await api.holders(admin, licence);
    const created = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: broken } });
    expect(created.status).toBe(200);
    expect(created.body.revision).toBe(1);
    expect(created.body.validation.ok).toBe(false);
    expect(created.body.validation.errors.some((e: { nodeId?: string }) => e.nodeId === 'conclude')).toBe(true);

    const blocked = await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 1 } });
    expect(blocked.status).toBe(422);
    expect(problem(blocked).code).toBe('definition-invalid');
    expect(blocked.body.errors.length).toBeGreaterThan(0);

    const again = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect(again.status).toBe(409);
    const fixed = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: licence, revision: 1 } });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ revision: 2, validation: { ok: true } });
    const stale = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: licence, revision: 1 } });
    expect(stale.status).toBe(409);
    expect(problem(stale).code).toBe('stale-revision');

    const v1 = await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 2 } });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ itemCode: code, version: 1, publishedBy: 'admin' });

    const changed = { ...licence, item: { ...licence.item, promisedLimit: { value: 8, unit: 'working-day' } } };
    await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: admin, body: { definition: changed, revision: 2 } });
    const v2 = await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 3 } });
    expect(v2.body.version).toBe(2);

    const versions = await api.call(`/definitions/${code}/versions`, { token: supervisor });
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const one = await api.call(`/definitions/${code}/versions/1`, { token: supervisor });
    expect(one.body.definition.item.promisedLimit.value).toBe(10);
    const diff = await api.call(`/definitions/${code}/diff?from=1&to=2`, { token: supervisor });
    expect(diff.status).toBe(200);
    expect(diff.body.item).toEqual([{ path: 'promisedLimit.value', before: 10, after: 8 }]);
    expect(diff.body.identical).toBe(false);

    const list = await api.call('/definitions', { token: admin });
    expect(list.body).toContainEqual({ itemCode: code, itemName: licence.item.name, latestVersion: 2, draftRevision: 3 });
  });

  it('validates any definition and answers errors with node ids', async () => {
    const noStart = { ...licence, nodes: licence.nodes.filter((n) => n.id !== 'start') };
    const answer = await api.call('/definitions/validate', { token: admin, body: { definition: noStart } });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    const schemaError = await api.call('/definitions/validate', { token: admin, body: { definition: { schemaVersion: 1 } } });
    expect(schemaError.body.errors[0]).toMatchObject({ code: 'SCHEMA_INVALID' });
  });

  it('refuses bad input: wrong role, mismatched item code, unknown fields, bad params and query', async () => {
    const asSupervisor = await api.call(`/definitions/${code}/draft`, { method: 'PUT', token: supervisor, body: { definition: licence } });
    expect(asSupervisor.status).toBe(403);
    const mismatch = await api.call('/definitions/OTHER-1/draft', { method: 'PUT', token: admin, body: { definition: licence } });
    expect(mismatch.status).toBe(422);
    const unknown = await api.call(`/definitions/${code}/publish`, { token: admin, body: { revision: 1, force: true } });
    expect(problem(unknown).errors).toContainEqual({ in: 'body', pointer: '/force', detail: 'is not a known field' });
    const badVersion = await api.call(`/definitions/${code}/versions/zero`, { token: admin });
    expect(badVersion.status).toBe(400);
    expect(problem(badVersion).errors?.[0]).toMatchObject({ in: 'path', pointer: '/version' });
    const badQuery = await api.call(`/definitions/${code}/diff?from=1&to=2&extra=1`, { token: admin });
    expect(problem(badQuery).errors?.[0]).toMatchObject({ in: 'query', pointer: '/extra' });
    const missing = await api.call('/definitions/NOPE-1/versions/1', { token: admin });
    expect(missing.status).toBe(404);
  });

  it('answers a publication repeated under its Idempotency-Key with the version it made, publishing and logging once', async () => {
    const item = { ...licence.item, code: 'idem-publish' };
    await api.holders(admin, { ...licence, item });
    const saved = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: { definition: { ...licence, item } } });
    expect(saved.status).toBe(200);
    const logged = async () => (await supervisionLogModel(api.db).find({ action: 'definition.publish', targetId: item.code }).lean()).length;
    const headers = { 'idempotency-key': 'publish-idem-1' };
    const first = await api.call(`/definitions/${item.code}/publish`, { token: admin, body: { revision: saved.body.revision }, headers });
    expect(first.status).toBe(201);
    const repeated = await api.call(`/definitions/${item.code}/publish`, { token: admin, body: { revision: saved.body.revision }, headers });
    expect(repeated.status).toBe(201);
    expect(repeated.body.version).toBe(first.body.version);
    expect((await api.call(`/definitions/${item.code}/versions`, { token: admin })).body).toHaveLength(1);
    expect(await logged()).toBe(1);
    // The same key for another request is refused; a malformed key names the header.
    const other = await api.call(`/definitions/${item.code}/publish`, { token: admin, body: { revision: saved.body.revision + 1 }, headers });
    expect(other.status).toBe(422);
    expect(problem(other).code).toBe('idempotency-key-reused');
    const bad = await api.call(`/definitions/${item.code}/publish`, { token: admin, body: { revision: saved.body.revision }, headers: { 'idempotency-key': 'bad key!' } });
    expect(bad.status).toBe(400);
    expect(await logged()).toBe(1);
  });

  it('answers a save repeated under its Idempotency-Key with the revision it wrote, saving and logging once', async () => {
    const item = { ...licence.item, code: 'idem-save' };
    await api.holders(admin, { ...licence, item });
    const created = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: { definition: { ...licence, item } } });
    expect(created.status).toBe(200);
    const logged = async () => (await supervisionLogModel(api.db).find({ action: 'definition.save-draft', targetId: item.code }).lean()).length;
    const before = await logged();
    // The answer to a save is lost; the editor sends the same save again under its key.
    const edit = { definition: { ...licence, item: { ...item, name: `${item.name}(修订)` } }, revision: created.body.revision };
    const headers = { 'idempotency-key': 'save-idem-1' };
    const first = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: edit, headers });
    expect(first.status).toBe(200);
    const repeated = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: edit, headers });
    expect(repeated.status).toBe(200);
    expect(repeated.body.revision).toBe(first.body.revision);
    expect((await api.call(`/definitions/${item.code}/draft`, { token: admin })).body.revision).toBe(created.body.revision + 1);
    expect(await logged()).toBe(before + 1);
    // Without the key the same repeat is a stale revision; the key with another body is refused.
    const unkeyed = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: edit });
    expect(unkeyed.status).toBe(409);
    const other = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: { ...edit, revision: first.body.revision }, headers });
    expect(other.status).toBe(422);
    expect(problem(other).code).toBe('idempotency-key-reused');
    const bad = await api.call(`/definitions/${item.code}/draft`, { method: 'PUT', token: admin, body: edit, headers: { 'idempotency-key': 'bad key!' } });
    expect(bad.status).toBe(400);
    expect(await logged()).toBe(before + 1);
  });

  it('serves the published catalogue publicly', async () => {
    const items = await api.call('/items');
    expect(items.status).toBe(200);
    const entry = items.body.find((i: { code: string }) => i.code === code);
    expect(entry).toMatchObject({ version: 2, promisedDays: 8, statutoryDays: 20, department: 'health-commission' });
    expect(entry.steps.map((s: { stage: string }) => s.stage)).toEqual(['accept', 'undertake', 'review', 'approve', 'conclude']);
    const one = await api.call(`/items/${code}`);
    expect(one.body.materials.length).toBe(5);
    expect((await api.call('/items/UNKNOWN-9')).status).toBe(404);
    expect((await api.call('/items?category=spaceship')).status).toBe(400);
  });
});
