import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { ROOT, startFerretDb, startTemporal } from '../../scripts/lib/embedded';
import { freePort } from '../../scripts/lib/processes';
import type { Managed } from '../../scripts/lib/processes';
import { PRELOADED_MODULES } from '../../worker/tuning';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    mongoUri: string;
    workflowBundlePath: string;
  }
}

/**
 * Starts the real stack once per test run: a Temporal dev server (in memory), FerretDB on a
 * fresh SQLite directory, and one bundle of the workflow code that every test worker reuses.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const host = '127.0.0.1';
  const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-test-'));
  let stopping = false;
  // Servers log warnings freely (and plenty while shutting down); tests show only real errors.
  const quiet = (name: string, line: string) => {
    if (!stopping && /level=(ERROR|FATAL)|panic/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
  };
  const started: Managed[] = [];
  const stopAll = async () => {
    stopping = true;
    await Promise.all(started.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const [temporalPort, mongoPort] = [await freePort(host), await freePort(host)];
    const bundling = bundleWorkflowCode({
      workflowsPath: join(ROOT, 'test/support/workflows.ts'),
      preloadModules: PRELOADED_MODULES,
      logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
    });
    const [temporal, ferret, bundle] = await Promise.all([
      startTemporal({ host, port: temporalPort, onLine: quiet }),
      startFerretDb({ host, port: mongoPort, dataDir: join(dataDir, 'ferretdb'), onLine: quiet }),
      bundling,
    ]);
    started.push(temporal, ferret);
    const bundleDir = join(ROOT, '.data/test');
    mkdirSync(bundleDir, { recursive: true });
    const workflowBundlePath = join(bundleDir, 'workflow-bundle.js');
    writeFileSync(workflowBundlePath, bundle.code);
    project.provide('temporalAddress', `${host}:${temporalPort}`);
    project.provide('mongoUri', `mongodb://${host}:${mongoPort}/sunlight-test`);
    project.provide('workflowBundlePath', workflowBundlePath);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
}
