import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorker, connectDb, startCaseTestServer } from '../workflows/harness';
import { parseScenario } from './support/format';
import { runScenario } from './support/runner';

const dir = join(import.meta.dirname, '.');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

// Time skipping is global to a server and only moves forward, so every scenario gets its own.
describe.sequential('scenarios (test/scenarios/*.yaml)', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(() => db?.close());

  it('has at least 15 scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    it(file, async () => {
      const scenario = parseScenario(readFileSync(join(dir, file), 'utf8'), file);
      const env: TestWorkflowEnvironment = await startCaseTestServer();
      let worker: Worker | undefined;
      let running: Promise<void> | undefined;
      try {
        const started = await caseWorker(env, db);
        worker = started.worker;
        running = worker.run();
        await runScenario(scenario, { env, taskQueue: started.taskQueue, db });
      } finally {
        worker?.shutdown();
        await running;
        await env.teardown();
      }
    });
  }
});
