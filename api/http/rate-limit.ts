import type { Request, Response } from 'express';
import type { ApiContext } from '../context';
import { countAttempt, type Limit } from './attempts';

export interface PublicRateLimit {
  /** Names the limit in the database and in `RateLimit-Policy`. */
  name: string;
  /** Requests allowed per address within the window. */
  limit: number;
  windowMs: number;
  /** What is limited, in the refusal's words; default 'complaint requests'. */
  what?: string;
  /** Count only refused requests (status ≥ 400), e.g. look-ups with a wrong code. */
  failuresOnly?: boolean;
}

/**
 * A per-address limiter for the public endpoints, counted in the database so every API
 * process shares it. It runs inside the route handler, so only well-formed requests count;
 * over the limit it answers 429 with `Retry-After`.
 */
export function publicLimiter(ctx: ApiContext, options: PublicRateLimit): (req: Request, res: Response) => Promise<void> {
  const what = options.what ?? 'complaint requests';
  const limit: Limit = { name: options.name, limit: options.limit, windowMs: options.windowMs, what: `${what} from one address` };
  const policy = `"${options.name}";q=${options.limit};w=${Math.round(options.windowMs / 1000)}`;
  return async (req, res) => {
    res.setHeader('RateLimit-Policy', policy);
    const attempt = await countAttempt(ctx.db, ctx.now(), [{ limit, key: req.ip ?? '?' }]);
    if (options.failuresOnly) {
      res.once('finish', () => {
        // A failed release leaves one success counted until the window passes: the caller's loss, never a bypass.
        if (res.statusCode < 400) void attempt.release().catch(() => undefined);
      });
    }
  };
}
