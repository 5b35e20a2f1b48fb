import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './errors';

export interface PublicRateLimit {
  /** Requests allowed per address within the window. */
  limit: number;
  windowMs: number;
  /** What is limited, in the refusal's words; default 'complaint requests'. */
  what?: string;
  /** Count only refused requests (status ≥ 400), e.g. look-ups with a wrong code. */
  failuresOnly?: boolean;
}

/**
 * A per-address limiter for the public endpoints (in memory: one API process;
 * several would share a store such as Redis). It runs inside the route handler, so only
 * well-formed requests count; over the limit it answers 429 with `Retry-After`.
 */
export function publicLimiter(options: PublicRateLimit): (req: Request, res: Response) => Promise<void> {
  const limiter = rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    handler: (_req, _res, next) => {
      next(new ApiError(429, 'rate-limited', 'Too many requests',
        `At most ${options.limit} ${options.what ?? 'complaint requests'} per ${Math.round(options.windowMs / 60_000)} minutes from one address; retry later.`));
    },
  });
  return (req, res) => new Promise<void>((resolve, reject) => {
    void limiter(req, res, (err?: unknown) => (err === undefined ? resolve() : reject(err)));
  });
}
