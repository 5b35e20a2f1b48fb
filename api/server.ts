import { randomUUID } from 'node:crypto';
import express, { Router, type Express } from 'express';
import type { Connection } from 'mongoose';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { alertRoutes } from './alerts/router';
import { anomalyRoutes } from './anomalies/router';
import { currentUser } from './auth/current-user';
import { authRoutes } from './auth/router';
import { calendarRoutes } from './calendar/router';
import { complaintRoutes } from './complaints/router';
import { consultationRoutes } from './consultations/router';
import { caseRoutes } from './cases/router';
import { frontDeskRoutes } from './front-desk/router';
import { noticeRoutes } from './notices/router';
import { codecCors, codecRoutes } from './codec/router';
import { TokenService } from './auth/tokens';
import type { ApiContext } from './context';
import { definitionRoutes } from './definitions/router';
import { docsRoutes } from './docs/router';
import { healthRoutes } from './health/router';
import { evaluationRoutes } from './evaluations/router';
import { inboxRoutes } from './inbox/router';
import { exportRoutes } from './export/router';
import { externalSystemRoutes } from './external-systems/router';
import { apiKeyAuthenticator } from './ingest/api-key';
import { ingestRoutes } from './ingest/router';
import { buildOpenApi } from './http/openapi';
import { problemHandler, unmatchedRoute } from './http/problem';
import { requestTiming } from './http/timing';
import { securityHeaders } from './http/security-headers';
import { serveWebApp } from './http/web-app';
import { itemRoutes } from './items/router';
import { previewRoutes } from './preview/router';
import { publicRoutes } from './public/router';
import { ratingRoutes } from './ratings/router';
import { statisticsRoutes } from './statistics/router';
import { mountRoutes, type RouteSpec } from './http/route';
import { defaultApiSettings, type ApiSettings } from './settings';
import { supervisionLogRoutes } from './supervision-log/router';
import { supervisionOrderRoutes } from './supervision-orders/router';
import { userRoutes } from './users/router';

export interface ApiDeps {
  db: Connection;
  temporal: Client;
  logger: Logger;
  /** Defaults (e.g. a random token secret) for whatever is not given. */
  settings?: Partial<ApiSettings>;
  /** The current instant; defaults to the system clock. */
  now?: () => number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Every feature's routes, in the order they appear in the OpenAPI document. */
function routes(ctx: ApiContext): RouteSpec[] {
  return [...healthRoutes(ctx), ...authRoutes(ctx), ...userRoutes(ctx), ...definitionRoutes(ctx), ...itemRoutes(ctx),
    ...calendarRoutes(ctx), ...previewRoutes(ctx), ...supervisionLogRoutes(ctx), ...exportRoutes(ctx), ...caseRoutes(ctx), ...frontDeskRoutes(ctx), ...noticeRoutes(ctx),
    ...alertRoutes(ctx), ...ingestRoutes(ctx), ...publicRoutes(ctx), ...supervisionOrderRoutes(ctx), ...complaintRoutes(ctx),
    ...statisticsRoutes(ctx), ...evaluationRoutes(ctx), ...codecRoutes(ctx), ...inboxRoutes(ctx),
    ...consultationRoutes(ctx), ...ratingRoutes(ctx), ...externalSystemRoutes(ctx), ...anomalyRoutes(ctx)];
}

/**
 * The OpenAPI document without a server, for the web app's generated types: building the
 * routes reads only the settings, so the database, Temporal and the logger are never reached.
 */
export function openApiDocument(): Record<string, unknown> {
  const settings = defaultApiSettings();
  const unused = null as never;
  const ctx: ApiContext = { db: unused, temporal: unused, logger: unused, settings, tokens: unused, now: Date.now };
  return buildOpenApi(routes(ctx), settings.version);
}

/** What every route and background task of the API is built from. */
export function createContext(deps: ApiDeps): ApiContext {
  const settings = defaultApiSettings(deps.settings);
  const now = deps.now ?? Date.now;
  return {
    db: deps.db,
    temporal: deps.temporal,
    logger: deps.logger,
    settings,
    tokens: new TokenService(settings.jwtSecret, settings.tokenTtlMinutes, now),
    now,
  };
}

/** Composes the HTTP API; `index.ts` listens and shuts it down. */
export function createApp(deps: ApiDeps): Express {
  const ctx = createContext(deps);
  const { settings } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind nginx (TRUST_PROXY=loopback) the client's address is in X-Forwarded-For; the
  // per-address limits need it. Without a configured proxy the header is anyone's to forge.
  app.set('trust proxy', settings.trustProxy.trim() === 'none' ? false : settings.trustProxy);
  app.use(securityHeaders());
  app.use(requestTiming());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // A public look-up's query code is a credential: the logged URL keeps its name only.
      serializers: { req: (req: { url?: string }) => ({ ...req, url: req.url?.replace(/([?&]queryCode=)[^&]*/gi, '$1[redacted]') }) },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );

  const specs = routes(ctx);
  const api = Router();
  mountRoutes(api, specs, { user: currentUser(ctx), system: apiKeyAuthenticator(ctx) });
  docsRoutes(api, specs, ctx.settings.version);
  app.use('/api/v1/codec', codecCors(settings.temporalUiOrigin));
  app.use('/api/v1', api);
  if (settings.webAppDir) app.use(...serveWebApp(settings.webAppDir));
  app.use(unmatchedRoute);
  app.use(problemHandler(deps.logger));
  return app;
}
