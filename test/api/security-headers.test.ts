import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ApiHarness } from './harness';

/** A raw request, so headers beyond what fetch allows can be sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers', () => {
  let api: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
  });
  afterAll(() => api?.stop());

  it('forbid sniffing, referrers, framing and storing on answers with tokens or personal data', async () => {
    const answers = [
      await api.call('/auth/login', { body: ADMIN }),
      await api.call('/users', { token: admin }),
      await api.call('/cases', { token: admin }),
      await api.call('/public/cases/NO-SUCH?queryCode=x'),
      await api.call('/auth/me'),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    const description = await api.call('/openapi.json');
    expect(description.headers.get('cache-control')).toBeNull();
    const docs = await api.call('/docs');
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'unsafe-inline'");
  });

  it('answers headers over Node\'s limit with a problem document and a request id', async () => {
    const answer = await rawGet(`${api.url}/health`, { 'x-padding': 'a'.repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = JSON.parse(answer.body) as { status: number; code: string; requestId: string };
    expect(body).toMatchObject({ status: 431, code: 'headers-too-large' });
    expect(body.requestId).toBe(answer.headers['x-request-id']);
    expect((await api.call('/health')).status).toBe(200);
  });
});
