import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The docs page is the one HTML answer; it runs its own inline script and style, nothing from elsewhere. */
const DOCS_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"], scriptSrc: ["'unsafe-inline'"], styleSrc: ["'unsafe-inline'"], connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"],
  },
};
/** Everything else is JSON: nothing to load, nowhere to be framed. */
const API_POLICY = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } };

/** Answers that may be kept by a cache: the API's description, the same for everyone. */
const CACHEABLE = new Set(['/openapi.json', '/docs']);

/**
 * Helmet's headers (`X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options` and CSP `frame-ancestors`, HSTS…) on every answer, and
 * `Cache-Control: no-store` on every API answer but the description: nearly every answer
 * carries a token, personal data or a live clock, and an answer left out by mistake would
 * leak through a shared cache, so the rule is "none" rather than a list to keep up to date.
 */
export function securityHeaders(): RequestHandler[] {
  const common = helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' }, frameguard: { action: 'deny' } });
  const docsPolicy = helmet.contentSecurityPolicy(DOCS_POLICY);
  const apiPolicy = helmet.contentSecurityPolicy(API_POLICY);
  return [
    common,
    (req, res, next) => {
      const path = req.path.replace(/^\/api\/v1/, '');
      if (!CACHEABLE.has(path)) res.setHeader('Cache-Control', 'no-store');
      (path === '/docs' ? docsPolicy : apiPolicy)(req, res, next);
    },
  ];
}
