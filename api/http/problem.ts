import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { Logger } from 'pino';
import { isMaxTimeExpired } from '../../db/errors';
import { actionPending, ApiError, malformedJson, notFound, payloadTooLarge, unavailable, unsupportedMediaType } from './errors';
import { setServerTiming } from './timing';

const MONGO_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);
/** gRPC status codes DEADLINE_EXCEEDED (4) and UNAVAILABLE (14). */
const GRPC_UNAVAILABLE = new Set<number>([4, 14]);

function* causes(err: unknown): Generator<unknown> {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/** Maps an outage of MongoDB or Temporal, or an update not answered in time, to a 503; anything else is left as it is. */
export function asUnavailable(err: unknown): ApiError | undefined {
  for (const e of causes(err)) {
    if (!(e instanceof Error)) continue;
    if (MONGO_UNAVAILABLE.has(e.name) || /buffering timed out|before initial connection/.test(e.message)) {
      return unavailable('The database', err);
    }
    if (isGrpcServiceError(e) && GRPC_UNAVAILABLE.has(e.code)) return unavailable('The workflow service', err);
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return actionPending(err);
    if (e instanceof ServiceError && /unavailable|deadline|connect/i.test(e.message)) {
      return unavailable('The workflow service', err);
    }
  }
  return undefined;
}

/** A query stopped at its time bound: a clear 503 asking for a narrower list, never a hang or an out-of-memory. */
function asTooSlow(err: unknown): ApiError | undefined {
  if (!isMaxTimeExpired(err)) return undefined;
  return new ApiError(503, 'list-too-slow', 'List too slow', 'The list took too long to read; narrow it with a filter or a search, or retry later.', {
    headers: { 'Retry-After': '5' },
    cause: err,
  });
}

/** Errors thrown by express.json() and the raw/text parsers carry a `type`. */
function fromBodyParser(err: unknown): ApiError | undefined {
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return malformedJson('The body is not valid JSON.');
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return payloadTooLarge(`The body exceeds the limit of ${limit ?? '?'} bytes.`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return unsupportedMediaType('Send UTF-8 encoded JSON.');
  }
  return undefined;
}

/** Any route not matched: a problem document, never Express's HTML page. */
export const unmatchedRoute: RequestHandler = (_req, _res, next) => next(notFound('Resource'));

/** The one error middleware: every error leaves as RFC 9457 `application/problem+json`. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = err instanceof ApiError ? err : (fromBodyParser(err) ?? asUnavailable(err) ?? asTooSlow(err));
    const problem =
      known ?? new ApiError(500, 'internal', 'Internal error', 'The request failed unexpectedly; it has been logged.');
    const log = (req as { log?: Logger }).log ?? logger;
    if (problem.status >= 500) log.error({ err }, 'request failed');
    if (res.headersSent) return;
    setServerTiming(res);
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: `https://sunlight.example/problems/${problem.code}`,
        title: problem.title,
        status: problem.status,
        detail: problem.message,
        instance: req.originalUrl,
        code: problem.code,
        ...(req.id === undefined ? {} : { requestId: String(req.id) }),
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...problem.extensions,
      });
  };
}
