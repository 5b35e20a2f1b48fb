import { pino, type DestinationStream, type Logger } from 'pino';
import type { Env } from './env';

/**
 * Credentials never reach a log line: request and answer headers that carry them, and any
 * field named like a password, token or key up to two levels into a logged object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  ...['password', 'passwordHash', 'token', 'apiKey', 'secret', 'queryCode'].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** One structured (JSON) log format for every process; `name` says which one wrote the line. */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>, name: string, destination?: DestinationStream): Logger {
  const options = { name, level: env.LOG_LEVEL, base: { pid: process.pid, name }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
