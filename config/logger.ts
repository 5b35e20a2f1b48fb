import { pino, type Logger } from 'pino';
import type { Env } from './env';

/** One structured (JSON) log format for every process; `name` says which one wrote the line. */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>, name: string): Logger {
  return pino({ name, level: env.LOG_LEVEL, base: { pid: process.pid, name } });
}
