import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { startFerretDb } from '../../scripts/lib/embedded';
import { freePort } from '../../scripts/lib/processes';

/**
 * Runs `use` on a FerretDB of its own (a temporary directory, a free port), for the benchmark
 * scripts that need only the database, and removes it afterwards (`monitorCommands`: the
 * connection emits an event per command sent, for a benchmark that counts them); `use` is also
 * given the server's process id, for a benchmark that measures its CPU time.
 */
export async function withScratchFerretDb(name: string, options: { monitorCommands?: boolean }, use: (db: Connection, server: { pid: number | undefined }) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `sunlight-${name}-`));
  const host = '127.0.0.1';
  const port = await freePort(host);
  const ferret = await startFerretDb({ host, port, dataDir: join(dataDir, 'ferretdb'), onLine: () => undefined });
  const db = await mongoose.createConnection(`mongodb://${host}:${port}/sunlight-${name}`, { maxPoolSize: 50, monitorCommands: options.monitorCommands ?? false }).asPromise();
  try {
    await use(db, { pid: ferret.child.pid });
  } finally {
    await db.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
