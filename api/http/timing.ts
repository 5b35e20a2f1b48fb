import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler, Response } from 'express';

/** One measured part of a request: its name in `Server-Timing` and its duration. */
interface Span {
  name: string;
  ms: number;
}

interface Timing {
  start: number;
  spans: Span[];
}

const current = new AsyncLocalStorage<Timing>();

/** Opens a request's timing; every {@link timed} part awaited within the request adds to it. */
export function requestTiming(): RequestHandler {
  return (_req, _res, next) => current.run({ start: performance.now(), spans: [] }, next);
}

/**
 * Runs `fn` and, inside a request, adds its duration under `name` to the request's
 * `Server-Timing` (the names are fixed words, never input). Outside a request it only runs `fn`.
 */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const timing = current.getStore();
  if (!timing) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timing.spans.push({ name, ms: performance.now() - t0 });
  }
}

/**
 * Sets `Server-Timing` on an answer about to be sent: each measured part and `total`, the
 * time since the request reached the routes (W3C Server Timing; browsers' developer tools
 * show it). Durations only: no names of users, cases or errors.
 */
export function setServerTiming(res: Response): void {
  const timing = current.getStore();
  if (!timing || res.headersSent) return;
  const parts = [...timing.spans, { name: 'total', ms: performance.now() - timing.start }];
  res.setHeader('Server-Timing', parts.map((s) => `${s.name};dur=${s.ms.toFixed(1)}`).join(', '));
}

/** The parts of a `Server-Timing` header by name, in milliseconds (a repeated name is summed). */
export function parseServerTiming(header: string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)\s*$/.exec(part);
    if (match) out[match[1]!] = (out[match[1]!] ?? 0) + Number(match[2]);
  }
  return out;
}
