import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';

/** The built web app loads only its own files; React Flow and the charts set inline styles. */
const WEB_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
  },
};

/**
 * Serves the built web app (`vite build`'s output) beside the API, so one server answers both
 * on one origin: the files as they are, and `index.html` for every other page address, as the
 * app routes in the browser. Hashed assets may be cached for good; the page itself never.
 */
export function serveWebApp(dir: string): RequestHandler[] {
  const policy = helmet.contentSecurityPolicy(WEB_POLICY);
  const files = express.static(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const page: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  };
  const onlyPages: RequestHandler = (req, res, next) => (req.path.startsWith('/api/') ? next() : policy(req, res, next));
  return [onlyPages, files, page];
}
