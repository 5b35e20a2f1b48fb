import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { ApiSettings } from '../settings';

export interface DemoDeps {
  db: Connection;
  temporal: Client;
  logger: Logger;
  settings: ApiSettings;
  password: string;
}

/** Seeds the demonstration data set once (departments, users, items, cases). */
export async function seedDemo(deps: DemoDeps): Promise<void> {
  deps.logger.info('demo data: nothing to seed yet');
}
