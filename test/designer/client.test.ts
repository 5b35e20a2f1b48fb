import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiErrorOf, fetchApi, isPending, isUnanswered, repeatWhilePending } from '../../designer/src/api/client';
import { sessionStore } from '../../designer/src/auth/session';

const principal = { userId: 'u1', username: 'clerk-wang', name: '王', roles: ['clerk' as const], department: 'market', positions: ['acceptor'] };

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const pending = () => answer(503, { status: 503, code: 'action-pending', detail: 'The action has not been answered within the time allowed' }, { 'Retry-After': '2' });

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

  it('says in the reader\'s language that no answer came when the connection fails, and knows it for unanswered', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await api('/cases/SL1/actions/accept', { method: 'POST', body: {}, idempotencyKey: 'key-12345678' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('未收到服务器答复,请检查网络后重试。');
    expect(isUnanswered(error)).toBe(true);
    expect(isUnanswered(new ApiError({ status: 503, code: 'action-pending' }))).toBe(false);
    // The downloads that read their answer themselves say the same.
    expect(((await fetchApi('/api/v1/statistics?format=csv', {}).catch((e: unknown) => e)) as Error).message).toBe('未收到服务器答复,请检查网络后重试。');
    // Anything else the fetch throws (a request aborted by its page) is thrown as it came.
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(aborted)));
    expect(await api('/cases').catch((e: unknown) => e)).toBe(aborted);
  });

  it('reads a problem answer with its Retry-After for the callers that read answers themselves', async () => {
    const error = await apiErrorOf(answer(503, { status: 503, code: 'action-pending', detail: 'not yet' }, { 'Retry-After': '3' }));
    expect(error).toMatchObject({ status: 503, code: 'action-pending', retryAfterMs: 3000, message: 'not yet' });
    expect((await apiErrorOf(new Response('<html>', { status: 502 }))).status).toBe(502);
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

  it('repeats an action the case has not answered yet, the same request under the same key, after each Retry-After', async () => {
    const answers = [pending(), pending(), answer(200, { caseNo: 'SL1', status: 'processing' })];
    const fetch = vi.fn(async () => answers.shift() ?? answer(500, {}));
    vi.stubGlobal('fetch', fetch);
    const slept: number[] = [];
    const waited: number[] = [];
    const result = await repeatWhilePending(
      () => api('/cases/SL1/actions/accept', { method: 'POST', body: {}, idempotencyKey: 'key-12345678' }),
      { sleep: async (ms) => void slept.push(ms), onWaiting: (ms) => waited.push(ms) },
    );
    expect(result).toEqual({ caseNo: 'SL1', status: 'processing' });
    expect(fetch).toHaveBeenCalledTimes(3);
    const sent = fetch.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1]);
    expect(new Set(sent.map((init) => (init.headers as Record<string, string>)['Idempotency-Key']))).toEqual(new Set(['key-12345678']));
    expect(new Set(sent.map((init) => init.body))).toEqual(new Set(['{}']));
    expect(slept).toEqual([2000, 2000]);
    expect(waited).toHaveLength(2);
  });

  it('gives up after its patience, answering the pending error; never repeats a refusal or an outage', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => pending()));
    let clock = 0;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      const error = await repeatWhilePending(() => api('/cases/SL1/actions/accept', { method: 'POST', body: {} }), {
        patienceMs: 10_000,
        sleep: async (ms) => void (clock += ms),
      }).catch((e: unknown) => e);
      expect(isPending(error)).toBe(true);
      expect((error as ApiError).retryAfterMs).toBe(2000);
      expect(clock).toBe(10_000);
    } finally {
      now.mockRestore();
    }
    for (const [status, code] of [[409, 'STEP_NOT_ACTIVE'], [503, 'unavailable']] as const) {
      const fetch = vi.fn(async () => answer(status, { status, code }, { 'Retry-After': '5' }));
      vi.stubGlobal('fetch', fetch);
      const error = await repeatWhilePending(() => api('/cases/SL1/actions/accept', { method: 'POST', body: {} }), { sleep: async () => undefined }).catch((e: unknown) => e);
      expect((error as ApiError).code).toBe(code);
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });
});
