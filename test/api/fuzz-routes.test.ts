import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertModel } from '../../db/models/alert';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { bodies, type Json } from '../support/fuzz';
import { ApiHarness } from './harness';

const licence = definitionFixtures['sequential-licence'];
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; enum?: unknown[]; items?: Schema; minLength?: number; $ref?: string };
interface Fuzzed { segments: (string | null)[]; signedIn: boolean; body: Json; contentType: string; query: string; key: string | undefined }
interface Operation { method: string; path: string; operationId: string; roles: string[] | null; body: Schema | undefined }

/**
 * What each logged route records: every answer in 2xx to it is one effect and must leave one
 * record of `action` (a complaint's response and conclusion are recorded when a supervisor
 * acts; an acknowledgement only when it was the first, counted by alerts newly handled).
 */
const LOGGED: Record<string, string> = {
  createDepartment: 'department.create', createUser: 'user.create', updateUser: 'user.update', registerExternalSystem: 'external-system.register',
  saveDraft: 'definition.save-draft', publishDefinition: 'definition.publish', publishCalendarYear: 'calendar.publish-year',
  importCalendarYear: 'calendar.import-year', publishCalendarAdjustment: 'calendar.adjust-day', removeCalendarAdjustment: 'calendar.remove-adjustment',
  urgeCase: 'case.urge', openSupervisionOrder: 'supervision-order.open', concludeSupervisionOrder: 'supervision-order.conclude',
  transferComplaint: 'complaint.transfer',
};
const SUPERVISOR_LOGGED: Record<string, string> = { registerComplaint: 'complaint.register', respondToComplaint: 'complaint.respond', concludeComplaint: 'complaint.conclude' };

/** A value the schema would accept, roughly: required members with a plausible value each. */
function sampleOf(schema: Schema | undefined, depth = 0): Json {
  if (!schema || depth > 4) return null;
  if (schema.enum) return schema.enum[0] as Json;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries((schema.required ?? []).map((k) => [k, sampleOf(schema.properties?.[k], depth + 1)]));
  }
  if (type === 'array') return [sampleOf(schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

const LONE = ['\ud800', '\udfff', 'a\ud83dz'];
const nasty = fc.oneof(
  fc.constantFrom(...LONE.map((s) => `x${s}`), 'nul\u0000byte', '$where', '__proto__', '%ZZ'),
  fc.string(),
);
const deep = (depth: number): Json => Array.from({ length: depth }).reduce<Json>((inner) => ({ a: inner }), 1);
const hostileBody = (valid: Json) => fc.oneof(
  { weight: 6, arbitrary: bodies(valid) },
  { weight: 2, arbitrary: fc.record({ key: nasty, value: nasty }).map(({ key, value }) => ({ ...(valid as object), [key]: value }) as Json) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"admin":true},"$set":{"roles":["administrator"]}}') as Json) },
  { weight: 1, arbitrary: fc.constant(deep(1000)) },
  { weight: 2, arbitrary: nasty.map((s) => s as Json) },
);
const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', ''];
const BAD_SEGMENTS = ['%ZZ', '%ED%A0%80', '%00', '..', '%2F', 'x'.repeat(300)];

describe('every route of the OpenAPI document under hostile input', () => {
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  let operations: Operation[];
  const samples: Record<string, string> = {};
  const answers = new Map<string, { ok: number; okBySupervisor: number }>();
  let sent = 0;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tokens['administrator'] = await api.adminToken();
    await api.holders(tokens['administrator'] as string, licence);
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: tokens['administrator'], body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: tokens['administrator'], body: { revision: 1 } });
    const people = await api.people(tokens['administrator'], [
      { username: 'fz-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'fz-supervisor', roles: ['supervisor'] },
      { username: 'fz-officer', roles: ['department-officer'], department: 'health-commission' },
      { username: 'fz-auditor', roles: ['auditor'] },
    ]);
    Object.assign(tokens, { clerk: people['fz-clerk'], supervisor: people['fz-supervisor'], 'department-officer': people['fz-officer'], auditor: people['fz-auditor'] });
    const started = await api.call('/cases', { token: tokens['clerk'], body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: form } });
    Object.assign(samples, { caseNo: started.body.caseNo, itemCode: licence.item.code, username: 'fz-clerk', year: '2031', date: '2031-05-06', version: '1' });
    const doc = (await api.call('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; description?: string; security?: unknown[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(), path: path.replace(/^\/api\/v1/, ''), operationId: op.operationId,
      roles: /Roles: ([^.]+)\./.exec(op.description ?? '')?.[1]?.split(', ') ?? null,
      body: op.requestBody?.content['application/json']?.schema,
    })));
  }, 180_000);
  afterAll(() => api?.stop());

  const request = (op: Operation) => fc.record({
    segments: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant<string | null>(null) }, { weight: 2, arbitrary: fc.constantFrom(...BAD_SEGMENTS) }), { minLength: 3, maxLength: 3 }),
    signedIn: fc.boolean(),
    body: hostileBody(sampleOf(op.body)),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    query: fc.constantFrom('', '?q=%ED%A0%80', '?limit=%00', '?cursor=%ZZ', '?q=a%00b', '?limit=-1&from=x'),
    key: fc.constantFrom<string | undefined>(undefined, randomUUID(), 'bad key!'),
  });

  /** Operation and idempotency key of every answered mutation (each operation's fuzzed keys repeat). */
  const answeredKeys = new Set<string>();
  const send = async (op: Operation, r: Fuzzed, huge?: string) => {
    let i = 0;
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => r.segments[i++] ?? encodeURIComponent(samples[name] ?? 'x'));
    const role = op.roles?.[0];
    const token = r.signedIn && role ? tokens[role] : undefined;
    const headers: Record<string, string> = {};
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (r.contentType) headers['content-type'] = r.contentType;
    if (r.key) headers['idempotency-key'] = r.key;
    const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
    const res = await fetch(`${api.url}${path}${r.query}`, { method: op.method, headers, ...(hasBody && { body: huge ?? JSON.stringify(r.body) }) });
    const text = await res.text();
    sent++;
    expect(res.status, `${op.method} ${path}${r.query}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get('content-type'), `${op.method} ${path}`).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(text)).toMatchObject({ status: res.status });
    }
    // A key answered before is a replay: the first answer again, with no new effect nor record.
    const replay = r.key !== undefined && answeredKeys.has(`${op.operationId} ${r.key}`);
    if (res.status < 300 && op.method !== 'GET' && !replay) {
      if (r.key !== undefined) answeredKeys.add(`${op.operationId} ${r.key}`);
      const seen = answers.get(op.operationId) ?? { ok: 0, okBySupervisor: 0 };
      seen.ok++;
      if (role === 'supervisor' && token) seen.okBySupervisor++;
      answers.set(op.operationId, seen);
    }
  };

  it('sends at least 5,000 requests: no 500, every refusal a problem document, effects and records equal, alive at the end', async () => {
    const logBefore = await supervisionLogModel(api.db).find({}, { action: 1 }).lean();
    const handledBefore = await alertModel(api.db).countDocuments({ handled: true });
    const perRoute = Math.ceil(5_000 / operations.length);
    for (const op of operations) {
      await fc.assert(fc.asyncProperty(request(op), (r) => send(op, r)), { numRuns: perRoute });
    }
    // A few large bodies: 1–5 MB strings, beyond every body limit.
    const mutating = operations.filter((op) => op.method !== 'GET' && op.method !== 'DELETE');
    for (let n = 0; n < 10; n++) {
      const op = mutating[n % mutating.length] as Operation;
      const size = (1 + (n % 5)) * 1024 * 1024;
      await send(op, { segments: [null, null, null], signedIn: true, body: null, contentType: 'application/json', query: '', key: undefined }, JSON.stringify({ text: 'x'.repeat(size) }));
    }
    expect(sent).toBeGreaterThanOrEqual(5_000);
    expect((await api.call('/health')).status).toBe(200);

    const logAfter = await supervisionLogModel(api.db).find({ _id: { $gt: logBefore.length } }, { action: 1 }).lean();
    const recorded = (action: string) => logAfter.filter((l) => l.action === action).length;
    for (const [operationId, action] of Object.entries(LOGGED)) {
      expect(recorded(action), `${operationId} → ${action}`).toBe(answers.get(operationId)?.ok ?? 0);
    }
    for (const [operationId, action] of Object.entries(SUPERVISOR_LOGGED)) {
      expect(recorded(action), `${operationId} → ${action}`).toBe(answers.get(operationId)?.okBySupervisor ?? 0);
    }
    const handled = (await alertModel(api.db).countDocuments({ handled: true })) - handledBefore;
    expect(recorded('alert.acknowledge')).toBe(handled);
  }, 600_000);
});
