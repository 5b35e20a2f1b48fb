// Figures of the scenario suite on Temporal's time-skipping test server with the real case
// workflow and real activities (FerretDB on a temporary directory). Prints, asserts nothing:
//   wall time per simulated case-month, per scenario and over the suite;
//   history length (events, all runs) of a typical case (01-happy-path) and of the longest scenario.
// Run: npx tsx bench/scenarios.bench.ts [rounds, default 1]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { createActivities } from '../activities';
import { startFerretDb, testServerPath } from '../scripts/lib/embedded';
import { freePort } from '../scripts/lib/processes';
import { parseScenario } from '../test/scenarios/support/format';
import { runScenario, type ScenarioFigures } from '../test/scenarios/support/runner';
import { registerSearchAttributes } from '../test/scenarios/support/search-attributes';

const rounds = Number(process.argv[2] ?? 1);
const MONTH = 30 * 86_400_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const scenarioDir = join(root, 'test/scenarios');
Runtime.install({ logger: new DefaultLogger('ERROR') });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-bench-'));
  const host = '127.0.0.1';
  const port = await freePort(host);
  const [ferret, bundle] = await Promise.all([
    startFerretDb({ host, port, dataDir: join(dataDir, 'ferretdb'), onLine: () => undefined }),
    bundleWorkflowCode({ workflowsPath: join(root, 'workflows/index.ts'), logger: new DefaultLogger('ERROR') }),
  ]);
  const db = await mongoose.createConnection(`mongodb://${host}:${port}/sunlight-bench`).asPromise();
  const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort();
  const figures: { file: string; f: ScenarioFigures }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const file of files) {
        const scenario = parseScenario(readFileSync(join(scenarioDir, file), 'utf8'), file);
        const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
        try {
          await registerSearchAttributes(env);
          const taskQueue = `bench-${file}-${round}`;
          const worker = await Worker.create({
            connection: env.nativeConnection, taskQueue, workflowBundle: bundle,
            activities: createActivities({ db, logger: pino({ level: 'silent' }) }),
          });
          figures.push({ file, f: await worker.runUntil(runScenario(scenario, { env, taskQueue, db })) });
        } finally {
          await env.teardown();
        }
      }
    }
  } finally {
    await db.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rows = figures.map(({ file, f }) => ({
    scenario: file,
    'simulated days': +(f.simulatedMs / 86_400_000).toFixed(1),
    'wall s': +(f.wallMs / 1000).toFixed(2),
    'wall s / case-month': +((f.wallMs / 1000) / (f.simulatedMs / MONTH)).toFixed(2),
    events: f.historyLength,
    'longest run': f.longestRun,
    runs: f.runs,
  }));
  console.table(rows);
  const wall = figures.reduce((s, { f }) => s + f.wallMs, 0);
  const simulated = figures.reduce((s, { f }) => s + f.simulatedMs, 0);
  const typical = figures.find(({ file }) => file.startsWith('01-'))?.f;
  const longest = figures.reduce((a, b) => (b.f.historyLength > a.f.historyLength ? b : a));
  console.log(`suite: ${figures.length} scenario runs, ${(simulated / MONTH).toFixed(1)} simulated case-months in ${(wall / 1000).toFixed(1)} s wall`);
  console.log(`wall time per simulated case-month: ${((wall / 1000) / (simulated / MONTH)).toFixed(2)} s`);
  console.log(`history of a typical case (01-happy-path): ${typical?.historyLength ?? '?'} events`);
  console.log(`longest scenario: ${longest.file}, ${longest.f.historyLength} events over ${longest.f.runs} run(s), longest run ${longest.f.longestRun}`);
}

main().catch((error: unknown) => {
  console.error('scenario bench failed:', error);
  process.exit(1);
});
