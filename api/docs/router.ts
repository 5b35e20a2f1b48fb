import type { Router } from 'express';
import { buildOpenApi } from '../http/openapi';
import type { RouteSpec } from '../http/route';
import { DOCS_PAGE } from './page';

/** Serves the OpenAPI document and a self-contained page that renders it (no CDN). */
export function docsRoutes(router: Router, specs: RouteSpec[], version: string): void {
  const document = buildOpenApi(specs, version);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
    res.type('html').send(DOCS_PAGE);
  });
}
