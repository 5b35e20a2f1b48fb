/**
 * `npm run bench`: starts its own servers, runs every benchmark, prints a table per benchmark
 * with the machine's load, and writes reports/bench/bench.json and reports/bench/bench.svg.
 * Options: --quick (small sizes), --only=<name,...> (cases, alerts, memory, queries, domain, designer),
 * --alert-sizes=<n,...> (cases due at one instant; default 1,000 and 5,000), --memory-rounds=<n> (rounds of
 * the memory benchmark, a worker of cases and one of hello workflows each; default 3), --profile-workers[=<dir>]
 * (each worker writes V8 CPU profiles of its threads there when the run ends, and FerretDB a Go CPU profile of
 * each alert burst's first 15 s in ferretdb/; default reports/bench/profiles).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { ROOT } from '../scripts/lib/embedded';
import { alertBenchmarks } from './alerts.bench';
import { caseBenchmarks } from './cases.bench';
import { memoryBenchmarks } from './memory.bench';
import { queryBenchmarks } from './queries.bench';
import { recordFigures, stepFigures } from './record.bench';
import { load, type Figure } from './lib/figures';
import { printTable, writeJson, writeSvg } from './lib/report';
import { startBenchStack } from './lib/stack';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !only || only.includes(name);
const memoryRoundsText = args.find((a) => a.startsWith('--memory-rounds='))?.slice('--memory-rounds='.length);
const memoryRounds = memoryRoundsText === undefined ? undefined : Number(memoryRoundsText);
if (memoryRounds !== undefined && !(Number.isInteger(memoryRounds) && memoryRounds > 0)) throw new Error(`--memory-rounds: a whole number above 0, not ${memoryRoundsText}`);
const profileArg = args.find((a) => a === '--profile-workers' || a.startsWith('--profile-workers='));
const profileDir = profileArg === undefined ? undefined : (profileArg.split('=')[1] ?? join(ROOT, 'reports/bench/profiles'));
const alertSizes = args.find((a) => a.startsWith('--alert-sizes='))?.slice('--alert-sizes='.length).split(',').map(Number);

/**
 * Runs one of the standalone benchmark scripts (domain: schedule, validation; designer) and
 * turns each printed "label: median N ms" or "label: median N" line into a figure.
 */
async function script(group: string, file: string): Promise<{ figures: Figure[]; raw: string[] }> {
  if (!existsSync(join(ROOT, file))) return { figures: [], raw: [`${file} is absent`] };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, file)], { cwd: ROOT, maxBuffer: 16 * 2 ** 20, timeout: 600_000 });
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const figures: Figure[] = [];
  for (const line of lines) {
    const m = /^(.*?): median ([\d,.]+)( ms)?/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const perSecond = !m[3];
    figures.push({ group, name: `${m[1]} (${file})`, unit: perSecond ? '/s' : 'ms', lowerIsBetter: !perSecond, value: Number(m[2].replace(/,/g, '')), note: line.slice(m[0].length).trim().slice(0, 120) });
  }
  return { figures, raw: lines };
}

async function run(): Promise<void> {
  const startedAt = new Date();
  const loads: Record<string, string> = { start: load() };
  console.log(`Sunlight benchmarks, ${startedAt.toISOString()}: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`load average (1/5/15 min) at start: ${loads['start']}${quick ? '; --quick sizes' : ''}`);
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  let configuration: unknown;
  // Written after every section, so a run cut short still leaves what it measured.
  const write = (finished: boolean) => {
    const report = {
      startedAt: startedAt.toISOString(), [finished ? 'finishedAt' : 'lastSectionAt']: new Date().toISOString(),
      machine: { cores: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      loadAverage: loads, quick, configuration, figures, raw,
    };
    writeJson(join(ROOT, 'reports/bench/bench.json'), report);
    writeSvg(join(ROOT, 'reports/bench/bench.svg'), 'Sunlight benchmarks', `${startedAt.toISOString()} · ${cpus().length} cores · load ${loads['start']} at start`, figures);
  };
  const section = (name: string, title: string, result: { figures: Figure[]; raw?: unknown }) => {
    loads[name] = load();
    figures.push(...result.figures);
    raw[name] = result.raw;
    printTable(`${title} — load ${loads[name]}`, result.figures);
    write(false);
  };

  if (wanted('domain')) {
    for (const file of ['bench/schedule.bench.ts', 'bench/validation.bench.ts']) section(`domain:${file}`, `Domain: ${file}`, await script('domain', file));
  }
  if (wanted('designer')) section('designer', 'Designer: 300-node definition (bench/designer.bench.ts)', await script('designer', 'bench/designer.bench.ts'));

  const needsStack = ['cases', 'alerts', 'memory', 'queries'].some(wanted);
  const stack = needsStack ? await startBenchStack(profileDir === undefined ? {} : { profileDir }) : null;
  // Interrupted (Ctrl-C, a CI timeout), the servers and workers it started stop with it.
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the benchmark's servers`);
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    if (stack) {
      configuration = stack.config;
      console.log('configuration:');
      console.log(JSON.stringify(stack.config, null, 2));
    }
    if (stack && wanted('cases')) {
      section('cases', 'Case throughput and clerk-action latency', await caseBenchmarks(stack, quick ? { cases: 20, concurrency: 4, latencyCases: 5 } : { cases: 200, concurrency: 8, latencyCases: 40 }));
    }
    if (stack && wanted('alerts')) {
      // The recording alone first, while no burst is still being recorded behind it.
      const recordDb = await mongoose.createConnection(stack.mongoUri.replace(/\/[^/]*$/, '/sunlight-bench-record'), { maxPoolSize: 50, monitorCommands: true }).asPromise();
      const recording = await recordFigures(recordDb, quick ? 200 : 1_000, undefined, stack.ferretDbPid)
        .then(async (figures) => [...figures, ...(await stepFigures(recordDb, quick ? 50 : 200))])
        .finally(() => recordDb.close());
      const alerts = await alertBenchmarks(stack, { sizes: alertSizes ?? (quick ? [50] : [1_000, 5_000]), startBudgetMs: quick ? 20_000 : 120_000 });
      section('alerts', 'Alert lateness', { figures: [...recording, ...alerts.figures], raw: alerts.raw });
    }
    if (stack && wanted('memory')) {
      section('memory', 'Worker memory', await memoryBenchmarks(stack, { workflows: quick ? 200 : 1_000, rounds: memoryRounds ?? (quick ? 1 : 3) }));
    }
    if (stack && wanted('queries')) {
      section('queries', 'Case list and statistics as the cases grow', await queryBenchmarks(stack, { sizes: quick ? [1_000, 5_000] : [1_000, 10_000, 100_000] }));
    }
  } finally {
    await stack?.stop();
  }

  write(true);
  console.log('\nwrote reports/bench/bench.json and reports/bench/bench.svg');
}

run().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
