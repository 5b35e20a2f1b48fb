import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { badPathEncoding, refuseUnencodable, undecodableQuery } from './encoding';
import { forbidden, passwordChangeRequired, unsupportedMediaType } from './errors';
import type { Principal, Role, SystemPrincipal } from './principal';
import { setServerTiming, timed } from './timing';
import { validatePart } from './validation';

type Of<S> = S extends JSONSchema ? FromSchema<S> : undefined;
type Access = 'public' | 'system' | readonly Role[];
type Caller<A> = A extends 'public' ? undefined : A extends 'system' ? SystemPrincipal : Principal;

export interface ResponseSpec {
  description: string;
  schema?: JSONSchema;
  contentType?: string;
}

export interface RouteInput<P, Q, B, A> {
  params: Of<P>;
  query: Of<Q>;
  body: Of<B>;
  caller: Caller<A>;
  /** The spec's `prefetch`, started once the caller's token was verified (undefined without one). */
  prefetched: Promise<unknown> | undefined;
  req: Request;
  res: Response;
}

/**
 * One endpoint: its schemas validate the request, type the handler's input and describe
 * the endpoint in the OpenAPI document, so the three cannot drift apart.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path below /api/v1, e.g. '/cases/:caseNo'. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  access: A;
  /** Callable while the caller must still change a generated first password (sign-in's own routes). */
  beforePasswordChange?: true;
  params?: P;
  query?: Q;
  body?: B;
  /** Body size limit (bytes or e.g. '1mb'); defaults to 100 kB. */
  bodyLimit?: string | number;
  /** Request headers documented and read by the handler. */
  headers?: { name: string; required: boolean; description: string; schema: JSONSchema }[];
  /** Status of a successful answer; 204 sends no body. */
  status?: number;
  responses: Record<number, ResponseSpec>;
  /**
   * A read the handler makes first whoever the caller is (the case a clerk acts on, by `_id`),
   * started as soon as the caller's token is verified, beside the look-up of the caller
   * themselves, instead of after it. Never for a request without a valid token; its path
   * parameters are not validated yet, so it must treat them as any text. The handler gets it
   * as `prefetched`.
   */
  prefetch?: (req: Request) => Promise<unknown>;
  handler: (input: NoInfer<RouteInput<P, Q, B, A>>) => Promise<unknown>;
}

/** Identity of a typed spec; keeps the literal types of its schemas. */
export function defineRoute<
  const P = undefined,
  const Q = undefined,
  const B = undefined,
  const A extends Access = Access,
>(spec: RouteSpec<P, Q, B, A>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export interface Authenticators {
  /** The user of the request's token; `verified` is called once the token is found valid, before the user is read. */
  user: (req: Request, verified?: () => void) => Promise<Principal>;
  system: (req: Request) => Promise<SystemPrincipal>;
}

async function callerOf(spec: RouteSpec, req: Request, auth: Authenticators, verified?: () => void): Promise<unknown> {
  if (spec.access === 'public') return undefined;
  if (spec.access === 'system') return auth.system(req);
  const user = await auth.user(req, verified);
  const allowed = spec.access as readonly Role[];
  if (!user.roles.some((r) => allowed.includes(r))) throw forbidden();
  if (user.mustChangePassword && !spec.beforePasswordChange) throw passwordChangeRequired();
  return user;
}

/** Registers each spec on the router: body parsing, authentication, validation, handler, answer. */
export function mountRoutes(router: Router, specs: RouteSpec[], auth: Authenticators): void {
  for (const spec of specs) {
    const parse = express.json({ limit: spec.bodyLimit ?? '100kb', strict: false });
    const run: RequestHandler = async (req, res) => {
      // Text with no UTF-8 form is refused before anything acts on it, on every route alike.
      refuseUnencodable({ path: req.params, query: req.query, header: req.headers, ...(spec.body ? { body: req.body as unknown } : {}) }, undecodableQuery(req.originalUrl));
      let prefetched: Promise<unknown> | undefined;
      const { prefetch } = spec;
      const verified = prefetch && (() => {
        prefetched = prefetch(req);
        // The handler awaits it; a request refused meanwhile (an inactive user, a role) leaves it unread, not unhandled.
        prefetched.catch(() => undefined);
      });
      const caller = await timed('auth', () => callerOf(spec, req, auth, verified));
      const params = spec.params ? validatePart('path', spec.params as JSONSchema, { ...req.params }) : undefined;
      const query = spec.query ? validatePart('query', spec.query as JSONSchema, { ...req.query }) : undefined;
      let body: unknown;
      if (spec.body) {
        if (!req.is('application/json')) throw unsupportedMediaType('Send the body as application/json.');
        body = validatePart('body', spec.body as JSONSchema, req.body);
      }
      const result = await spec.handler({ params, query, body, caller, prefetched, req, res } as RouteInput<unknown, unknown, unknown, Access>);
      if (res.headersSent) return;
      setServerTiming(res);
      const status = spec.status ?? 200;
      if (status === 204 || result === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result);
    };
    router[spec.method](spec.path, ...(spec.body ? [parse] : []), run);
  }
  router.use(badPathEncoding(specs.map((spec) => spec.path)));
}
