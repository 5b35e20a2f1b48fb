import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './harness';

describe('a public Idempotency-Key belongs to its filer', () => {
  let api: ApiHarness;
  const file = (from: string, content: string, key = 'public-key-0001') =>
    api.call('/public/complaints', { body: { complainant: { name: '王五' }, content }, headers: { 'idempotency-key': key, 'x-forwarded-for': from } });

  beforeAll(async () => {
    // The test speaks for two clients through a proxy on loopback.
    api = await ApiHarness.start({ trustProxy: 'loopback' });
  }, 120_000);
  afterAll(() => api?.stop());

  it('scopes the key to the address and the body: another filer gets their own complaint, another body is 422', async () => {
    const first = await file('203.0.113.1', 'the window closed early');
    expect(first.status).toBe(201);
    const stranger = await file('203.0.113.2', 'someone else entirely');
    expect(stranger.status).toBe(201);
    expect(stranger.body.complaintNo).not.toBe(first.body.complaintNo);
    expect(stranger.body.queryCode).not.toBe(first.body.queryCode);
    const repeat = await file('203.0.113.1', 'the window closed early');
    expect(repeat.body).toEqual(first.body);
    const otherBody = await file('203.0.113.1', 'a different complaint');
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('idempotency-key-reused');
  });
});
