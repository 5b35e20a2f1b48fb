import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, type Answer } from './harness';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);
const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;

describe('the OpenAPI document matches what the API answers', () => {
  let api: ApiHarness;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  /** Validates an answer against the schema documented for its path, method and status. */
  function conforms(path: string, method: string, answer: Answer): void {
    const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(`/api/v1${path.split('?')[0]}`));
    expect(template, path).toBeDefined();
    const response = doc.paths[template as string]?.[method]?.responses[String(answer.status)];
    expect(response, `${method} ${path} ${answer.status}`).toBeDefined();
    const schema = response?.content?.['application/json']?.schema ?? response?.content?.['application/problem+json']?.schema;
    if (!schema) return;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/Problem', 'problem')));
    expect(validate(answer.body), `${method} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }

  beforeAll(async () => {
    api = await ApiHarness.start();
    doc = (await api.call('/openapi.json')).body;
    ajv.addSchema({ $id: 'problem', ...(doc as unknown as { components: { schemas: { Problem: object } } }).components.schemas.Problem });
  });
  afterAll(() => api?.stop());

  it('for the main reads and writes, successes and problems', async () => {
    const admin = await api.adminToken();
    const t = await api.people(admin, [{ username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] }]);
    const clerk = t['clerk'] as string;
    const checks: [string, string, Answer][] = [];
    const run = async (path: string, options: Parameters<ApiHarness['call']>[1] = {}) => {
      const answer = await api.call(path, options);
      checks.push([path, (options.method ?? (options.body === undefined ? 'get' : 'post')).toLowerCase(), answer]);
      return answer;
    };
    await run('/auth/login', { body: { username: 'admin', password: 'admin-password-1' } });
    await run('/auth/me', { token: clerk });
    await run('/departments', { token: admin });
    await run('/users', { token: admin });
    await api.holders(admin, licence);
    await run(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await run(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } });
    await run(`/definitions/${itemCode}/versions`, { token: admin });
    await run(`/definitions/${itemCode}/versions/1`, { token: admin });
    await run(`/definitions/${itemCode}/diff?from=1&to=draft`, { token: admin });
    await run('/definitions', { token: admin });
    await run('/definitions/validate', { token: admin, body: { definition: licence } });
    await run('/items');
    await run(`/items/${itemCode}`);
    await run('/calendar?from=2026&to=2026');
    await run('/deadline-preview', { body: { itemCode, startAt: '2026-05-06T02:00:00Z' } });
    const started = await run('/cases', { token: clerk, body: { itemCode, applicant: { name: 'A' }, data: { applicantName: 'A', creditCode: '91330100MA27XXXX1X', premisesAddress: 'x', businessType: 'gym' } } });
    await run(`/cases/${started.body.caseNo}/actions/accept`, { token: clerk, body: {}, headers: { 'idempotency-key': 'key-00000001' } });
    await run(`/cases/${started.body.caseNo}/actions/accept`, { token: clerk, body: {}, headers: { 'idempotency-key': 'key-00000002' } });
    await run(`/cases/${started.body.caseNo}`, { token: clerk });
    await run('/cases?limit=5', { token: clerk });
    await run('/alerts', { token: admin });
    await run('/anomalies', { token: admin });
    await run('/cases/SL20990101000001', { token: clerk });
    await run('/cases?limit=0', { token: clerk });
    await run('/users', { token: clerk });
    for (const [path, method, answer] of checks) conforms(path, method, answer);
    expect(checks.map(([, , a]) => a.status)).toEqual([200, 200, 200, 200, 200, 201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 200, 409, 200, 200, 200, 200, 404, 400, 403]);
  });
});
