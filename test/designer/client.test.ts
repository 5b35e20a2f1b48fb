import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '../../designer/src/api/client';
import { sessionStore } from '../../designer/src/auth/session';

const principal = { userId: 'u1', username: 'clerk-wang', name: '王', roles: ['clerk' as const], department: 'market', positions: ['acceptor'] };

function answer(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('API client and session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.getState().signOut();
  });

  it('sends the bearer token and the idempotency key, and answers the JSON body', async () => {
    const fetch = vi.fn(async () => answer(200, { ok: true }));
    vi.stubGlobal('fetch', fetch);
    sessionStore.getState().signIn('token-1', principal, new Date(Date.now() + 60_000).toISOString());
    expect(await api('/cases/SL1/actions/accept', { method: 'POST', body: {}, idempotencyKey: 'key-12345678' })).toEqual({ ok: true });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/cases/SL1/actions/accept');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer token-1', 'Idempotency-Key': 'key-12345678', 'Content-Type': 'application/json' });
  });

  it('turns a refusal into an ApiError carrying its code and the workflow reason', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(409, { status: 409, code: 'ACTION_NOT_ALLOWED', detail: 'undertake offers complete, not approve', reason: 'undertake offers complete, not approve' })));
    const error = await api('/cases/SL1/actions/complete-step', { method: 'POST', body: { action: 'approve' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ACTION_NOT_ALLOWED');
    expect((error as ApiError).message).toBe('undertake offers complete, not approve');
  });

  it('drops empty query parameters', async () => {
    const fetch = vi.fn(async () => answer(200, { items: [] }));
    vi.stubGlobal('fetch', fetch);
    await api('/cases', { query: { status: '', alertLevel: 'red', department: undefined, limit: 200 } });
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/cases?alertLevel=red&limit=200');
  });

  it('signs out when the token is no longer accepted', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, { status: 401, code: 'unauthenticated' })));
    sessionStore.getState().signIn('expired', principal, new Date(Date.now() + 60_000).toISOString());
    await expect(api('/auth/me')).rejects.toBeInstanceOf(ApiError);
    expect(sessionStore.getState().user).toBeNull();
  });
});
