import { sessionStore } from '../auth/session';
import i18n from '../i18n';

/** An RFC 9457 problem answered by the API. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  /** A refused case action's reason, when the API adds one. */
  reason?: string;
  errors?: { in: string; pointer: string; detail: string }[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** `problem`; `retryAfterMs`: the answer's `Retry-After`, when it has one. */
  constructor(readonly problem: Problem, readonly retryAfterMs?: number) {
    super(problem.reason ?? problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as `Idempotency-Key`; case actions need one so a retried click never acts twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const BASE = '/api/v1';

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `${BASE}${path}${search === '' ? '' : `?${search}`}`;
}

/** Calls the Sunlight API with the session's bearer token; a problem answer becomes an {@link ApiError}. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = sessionStore.getState().token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetchApi(urlOf(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  if (response.status === 401 && token !== null) sessionStore.getState().signOut();
  if (!response.ok) throw await apiErrorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * `fetch` for the API's URLs, for the callers that read the answer themselves (downloads, a
 * 304): a connection that fails before an answer (fetch's TypeError, {@link isUnanswered}) is
 * said in the reader's language rather than as the browser's "Failed to fetch".
 */
export function fetchApi(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, init).catch((error: unknown) => {
    if (error instanceof TypeError) throw new TypeError(i18n.t('common.noAnswer'), { cause: error });
    throw error;
  });
}

/** The problem a non-2xx answer carries, with its `Retry-After`, as an {@link ApiError}. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
  const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
  return new ApiError({ ...problem, status: response.status }, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined);
}

/** A fresh idempotency key for one user action. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Whether a request went unanswered: the connection failed before an answer came (fetch's
 * TypeError), so it may or may not have been carried out. An action sent again under its key
 * is carried out at most once.
 */
export const isUnanswered = (e: unknown): boolean => e instanceof TypeError;

/** Whether the API answered that an action has not been answered yet (503 `action-pending`): the same request with the same key may still succeed. */
export const isPending = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 503 && e.code === 'action-pending';

/** How long an action is repeated while it is pending before the page says so. */
export const PENDING_PATIENCE_MS = 120_000;

/**
 * Sends an action and repeats it while the API answers that it is pending ({@link isPending}),
 * after each answer's `Retry-After`, until it has an answer or `patienceMs` has passed; then
 * the last answer is thrown. `send` must send the same request with the same Idempotency-Key
 * each time: that is what makes the repeats one action. `onWaiting` hears how long it has waited.
 */
export async function repeatWhilePending<T>(
  send: () => Promise<T>,
  options: { patienceMs?: number; onWaiting?: (waitedMs: number) => void; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const { patienceMs = PENDING_PATIENCE_MS, onWaiting, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = options;
  const started = Date.now();
  for (;;) {
    try {
      return await send();
    } catch (e) {
      const waited = Date.now() - started;
      if (!isPending(e) || waited >= patienceMs) throw e;
      onWaiting?.(waited);
      await sleep(Math.min(e.retryAfterMs ?? 2_000, Math.max(0, patienceMs - waited)));
    }
  }
}
