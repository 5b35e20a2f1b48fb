import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { TokenService } from './auth/tokens';
import type { ApiSettings } from './settings';

/** What every feature's routes and services are built from. */
export interface ApiContext {
  db: Connection;
  temporal: Client;
  logger: Logger;
  settings: ApiSettings;
  tokens: TokenService;
  /** The current instant; tests may fix it. */
  now: () => number;
}
