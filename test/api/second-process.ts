import type { Server } from 'node:http';
import mongoose from 'mongoose';
import { pino, type Logger } from 'pino';
import { createApp } from '../../api/server';
import type { ApiSettings } from '../../api/settings';
import type { ApiHarness } from './harness';

/**
 * Another API process on the harness's database and Temporal: an Express app with a
 * database connection of its own (nothing kept per connection is shared), on its own port.
 */
export async function secondProcess(
  api: ApiHarness,
  settings: Partial<ApiSettings>,
  logger: Logger = pino({ level: 'silent' }),
): Promise<{ url: string; close: () => Promise<void> }> {
  const db = await mongoose.createConnection(`mongodb://${api.db.host}:${api.db.port}/${api.db.name}`).asPromise();
  const app = createApp({ db, temporal: api.temporal, logger, settings: { taskQueue: api.taskQueue, ...settings } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}
