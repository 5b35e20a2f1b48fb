/**
 * The one error family of the API. Each error carries a stable `code` (the last segment of
 * the problem `type`), an HTTP status and a message that is safe to show to a client.
 */

/** One bad field of a request: where it is (`in`) and a JSON pointer into that part. */
export interface FieldProblem {
  in: 'body' | 'query' | 'path' | 'header';
  pointer: string;
  detail: string;
}

export interface ApiErrorOptions {
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  /** Extra members of the problem document, e.g. a refusal's `reason`. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly errors: FieldProblem[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    options: ApiErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

export const badRequest = (detail: string, errors?: FieldProblem[]) =>
  new ApiError(400, 'validation-failed', 'Request is invalid', detail, errors ? { errors } : {});
export const malformedJson = (detail: string) => new ApiError(400, 'malformed-json', 'Malformed JSON', detail);
export const unauthenticated = (detail = 'Sign in first: send `Authorization: Bearer <token>`.') =>
  new ApiError(401, 'unauthenticated', 'Not signed in', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const passwordChangeRequired = () =>
  new ApiError(403, 'password-change-required', 'Change the password first', 'This account still has its generated first password: change it with POST /api/v1/auth/password before anything else.');
export const forbidden = (detail = 'Your role does not allow this.', extensions?: Record<string, unknown>) =>
  new ApiError(403, 'forbidden', 'Not allowed', detail, extensions ? { extensions } : {});
export const notFound = (what: string) => new ApiError(404, 'not-found', 'Not found', `${what} not found.`);
export const conflict = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new ApiError(409, code, 'Conflict', detail, extensions ? { extensions } : {});
export const unprocessable = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new ApiError(422, code, 'Cannot be processed', detail, extensions ? { extensions } : {});
export const payloadTooLarge = (detail: string) => new ApiError(413, 'payload-too-large', 'Payload too large', detail);
export const unsupportedMediaType = (detail: string) =>
  new ApiError(415, 'unsupported-media-type', 'Unsupported media type', detail);
export const unavailable = (what: string, cause?: unknown, retryAfterSeconds = 5) =>
  new ApiError(503, 'unavailable', 'Service unavailable', `${what} is unavailable; retry later.`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    cause,
  });

/** Seconds a client waits before repeating an action the workflow has not answered yet. */
const PENDING_RETRY_AFTER_S = 2;

/**
 * The answer to an action (a workflow update) not answered within the API's deadline: the
 * workflow service may be busy (a midnight's thousands of alerts queued ahead of it), the
 * worker stopped, or the service unreachable. The update may still be carried out: the
 * server holds it for the workflow's next task. The same request with the same key is the
 * same update (its id is made of the key), so repeating it answers the action's result once
 * there is one, sends the update again if the server dropped it (a restart), and never
 * carries it out twice.
 */
export const actionPending = (cause: unknown) =>
  new ApiError(503, 'action-pending', 'Action pending',
    'The action has not been answered within the time allowed; it may still be carried out. Repeat the same request with the same Idempotency-Key to get its result: it is never carried out twice.',
    { headers: { 'Retry-After': String(PENDING_RETRY_AFTER_S) }, cause });
