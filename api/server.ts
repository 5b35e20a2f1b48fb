import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';

export interface ApiDeps {
  db: Connection;
  temporal: Client;
  logger: Logger;
}

/** Composes the HTTP API; `index.ts` listens and shuts it down. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/v1/health', async (_req, res) => {
    const checks = { database: false, temporal: false };
    checks.database = deps.db.readyState === 1 && (await deps.db.db?.admin().ping().then(() => true).catch(() => false)) === true;
    checks.temporal = await deps.temporal.workflowService
      .getSystemInfo({})
      .then(() => true)
      .catch(() => false);
    const ok = checks.database && checks.temporal;
    if (!ok) res.setHeader('Retry-After', '5');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  });
  return app;
}
