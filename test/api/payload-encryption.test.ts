import { randomBytes, randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { AesGcmPayloadCodec, COMPRESSED_ENCODING, DeflatePayloadCodec, ENCRYPTED_ENCODING, payloadDataConverter } from '../../config/payload-codec';
import { defaultCalendar } from '../../domain/index';
import { caseWorkflowId } from '../../config/temporal';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, PAYLOAD_KEYS } from './harness';

const licence = definitionFixtures['sequential-licence'];
const applicant = { name: '欧阳秘密', idNumber: '330102199001017777', phone: '13912345678' };
const form = { applicantName: '某宾馆', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州', businessType: 'hotel' };

/** Every string and byte string (read as UTF-8) in a history, joined: what the server, its database and the Web UI see. */
function clearText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(clearText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(clearText).join('\n');
  return '';
}

describe('Temporal payloads are encrypted', () => {
  let api: ApiHarness;
  let admin: string;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    await api.holders(admin, licence);
    const draft = await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: draft.body.revision } });
    tokens = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: licence.item.department, positions: ['acceptor', 'undertaker'] },
      { username: 'auditor', roles: ['auditor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('a case workflow\'s history, read from the Temporal server, holds no applicant name, ID number or phone in clear', async () => {
    const started = await api.call('/cases', { token: tokens['clerk'], body: { itemCode: licence.item.code, applicant, data: form } });
    expect(started.status).toBe(201);
    const { caseNo } = started.body as { caseNo: string };
    const accepted = await api.call(`/cases/${caseNo}/actions/accept`, { token: tokens['clerk'], body: {}, headers: { 'idempotency-key': randomUUID() } });
    expect(accepted.status).toBe(200);
    const read = () => api.temporal.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: caseWorkflowId(caseNo) } });
    const history = await eventually(read, (h) => (h.history?.events?.length ?? 0) > 8);
    const text = clearText(history);
    for (const secret of Object.values(applicant)) expect(text).not.toContain(secret);
    expect(text).toContain(ENCRYPTED_ENCODING);
    // Through the API (which holds the key) the case reads as before.
    expect(JSON.stringify((await api.call(`/cases/${caseNo}`, { token: tokens['auditor'] })).body)).toContain(applicant.name);
  });

  it('decodes with an older key after rotation, and passes unencrypted payloads through', async () => {
    const [current] = PAYLOAD_KEYS;
    const older = new AesGcmPayloadCodec(PAYLOAD_KEYS);
    const rotated = new AesGcmPayloadCodec([{ id: 'next', key: Buffer.alloc(32, 7) }, current!]);
    const plain = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('"x"') };
    const [sealed] = await older.encode([plain]);
    const [opened, untouched] = await rotated.decode([sealed!, plain]);
    expect(Buffer.from(opened!.data!).toString()).toBe('"x"');
    expect(untouched).toBe(plain);
    const [resealed] = await rotated.encode([plain]);
    expect(Buffer.from(resealed!.metadata!['encryption-key-id']!).toString()).toBe('next');
  });

  it('compresses a payload before sealing it, and reads back compressed, small, incompressible and older payloads', async () => {
    const codecs = payloadDataConverter(PAYLOAD_KEYS).payloadCodecs ?? [];
    const encode = async (payloads: Payload[]) => {
      for (const codec of codecs) payloads = await codec.encode(payloads);
      return payloads;
    };
    const decode = async (payloads: Payload[]) => {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    };
    const json = (value: unknown): Payload => ({ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(JSON.stringify(value)) });
    const input = json({ calendar: defaultCalendar(), applicant });
    const [sealed] = await encode([input]);
    // The sealed payload is a third of the clear one's size at most (the calendar deflates well).
    expect(sealed!.data!.length).toBeLessThan((input.data?.length ?? 0) / 3);
    expect(await decode([sealed!])).toEqual([input]);

    const deflate = new DeflatePayloadCodec();
    const [packed] = await deflate.encode([input]);
    expect(Buffer.from(packed!.metadata!['encoding']!).toString()).toBe(COMPRESSED_ENCODING);
    expect(Buffer.from(packed!.metadata!['compressed-from']!).toString()).toBe('json/plain');
    const small = json({ ok: true });
    const noise = { metadata: { encoding: new TextEncoder().encode('binary/plain') }, data: new Uint8Array(randomBytes(4096)) };
    expect(await deflate.encode([small, noise])).toEqual([small, noise]);
    // Sealed before compression existed: opens as it was.
    const [older] = await new AesGcmPayloadCodec(PAYLOAD_KEYS).encode([input]);
    expect(await decode([older!])).toEqual([input]);
    // A payload that would inflate past the limit is refused, not inflated.
    const bomb = { metadata: { encoding: new TextEncoder().encode(COMPRESSED_ENCODING) }, data: new Uint8Array(deflateRawSync(Buffer.alloc(65 * 2 ** 20))) };
    await expect(deflate.decode([bomb])).rejects.toThrow();
  });

  it('serves the remote codec contract to those who may read personal data, and to the Web UI\'s origin', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify(applicant)).toString('base64') };
    const encoded = await api.call('/codec/encode', { token: tokens['auditor'], body: { payloads: [plain] } });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString('utf8')).not.toContain(applicant.idNumber);
    const decoded = await api.call('/codec/decode', { token: tokens['auditor'], body: encoded.body });
    expect(decoded.body).toEqual({ payloads: [plain] });
    expect((await api.call('/codec/decode', { body: encoded.body })).status).toBe(401);
    expect((await api.call('/codec/decode', { token: tokens['clerk'], body: encoded.body })).status).toBe(403);
    const tampered = { payloads: [{ ...encoded.body.payloads[0], data: Buffer.alloc(40, 1).toString('base64') }] };
    expect((await api.call('/codec/decode', { token: tokens['auditor'], body: tampered })).status).toBe(422);
    const preflight = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:8233', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
