/**
 * Worker memory per 1,000 cached case workflows, against a worker of hello workflows: each
 * measured in a fresh worker process of its own (same options) as the growth of its resident
 * set (from /proc) between a warmed-up worker and the same worker holding 1,000 more open
 * workflows in its cache. RSS includes freed but not yet returned heap, so it is an upper bound.
 * Two batches, and both together: V8 sizes its heaps ahead of what they hold, so how the
 * growth splits between the batches moves from run to run more than their sum does
 * (bench/lib/smaps.ts tells the heaps' pages from the allocator's arenas).
 *
 * Both kinds are started at the same pace: 16 at a time, each start waiting until the
 * workflow's first work is done (a hello workflow's update answered; a case's first recording
 * in its read model), so both workers hold about as many tasks in flight. Started without
 * waiting, the cases piled up to the worker's 256 task slots while the hello workflows never
 * had more than 16.
 *
 * A fresh worker's growth moves from run to run by more than a change of a few KB a case
 * (hello workflows 170–220 MiB per 1,000 on this machine), so the measure is taken in rounds,
 * each a worker of cases and one of hello workflows, in turns (case first, then hello first),
 * and each figure is the round whose ratio is the median; the note gives every round.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { caseWorkflowId } from '../config/temporal';
import { caseModel } from '../db/models/case';
import { calendarSince, defaultCalendar, validateDefinition } from '../domain/index';
import { spawnWorker, residentBytes, waitForWorker } from '../scripts/lib/worker-process';
import { definitionFixtures } from '../test/fixtures/definitions';
import { CASE_WORKFLOW_NAME, type CaseStartInput } from '../workflows/case/contract';
import { pingUpdate, pingWorkflow } from './lib/baseline-workflows';
import { pool, round, until, type Figure } from './lib/figures';
import { residentByKind, type ResidentByKind } from './lib/smaps';
import type { BenchStack } from './lib/stack';

const MiB = 2 ** 20;

/** The resident set once it has stopped moving by more than 1 MiB over two seconds. */
async function settledRss(pid: number): Promise<number> {
  let last = residentBytes(pid);
  for (let i = 0; i < 30; i++) {
    await delay(2_000);
    const now = residentBytes(pid);
    if (Math.abs(now - last) < MiB) return now;
    last = now;
  }
  return last;
}

const kinds = (k: ResidentByKind) => `${k.heapPages} / ${k.arenas} / ${k.other} MiB`;

export async function memoryBenchmarks(stack: BenchStack, opts: { workflows: number; rounds: number }): Promise<{ figures: Figure[]; raw: unknown }> {
  const fixture = definitionFixtures['sequential-licence'];
  const definition = validateDefinition(fixture).definition;
  if (!definition) throw new Error('invalid fixture');
  const calendar = defaultCalendar();
  const env = { TEMPORAL_ADDRESS: stack.temporalAddress, MONGODB_URI: stack.mongoUri, SUNLIGHT_EMBEDDED: 'false', TEMPORAL_PAYLOAD_KEYS: stack.payloadKeys };
  const run = randomUUID().slice(0, 6);

  const measure = async (roundNo: number, kind: 'case' | 'hello', start: (i: number, taskQueue: string) => Promise<unknown>, settled: (n: number) => Promise<boolean>) => {
    const taskQueue = `bench-memory-${kind}-${run}-${roundNo}`;
    const worker = spawnWorker({
      name: `memory-${kind}`, entry: kind === 'case' ? 'worker/index.ts' : 'bench/lib/baseline-worker.ts',
      env: { ...env, TEMPORAL_TASK_QUEUE: taskQueue }, onLine: () => undefined,
    });
    try {
      await waitForWorker(worker, stack.temporalAddress, taskQueue);
      const pid = worker.child.pid ?? 0;
      const warm = 50;
      await pool(Array.from({ length: warm }, (_, i) => i), 8, (i) => start(i, taskQueue));
      await settled(warm);
      const before = await settledRss(pid);
      const kindsBefore = residentByKind(pid);
      await pool(Array.from({ length: opts.workflows }, (_, i) => warm + i), 16, (i) => start(i, taskQueue));
      const done = await settled(warm + opts.workflows);
      const after = await settledRss(pid);
      const kindsAfter = residentByKind(pid);
      // As many again: V8 sizes its heaps ahead of what they hold, so the first batch's growth
      // includes room the second fills; their sum says what a cached workflow keeps.
      await pool(Array.from({ length: opts.workflows }, (_, i) => warm + opts.workflows + i), 16, (i) => start(i, taskQueue));
      const doneAgain = await settled(warm + 2 * opts.workflows);
      const again = await settledRss(pid);
      const kindsAgain = residentByKind(pid);
      const perThousand = (from: number, to: number, batches = 1) => round(((to - from) / MiB) * (1000 / (opts.workflows * batches)));
      const grown = (from: ResidentByKind, to: ResidentByKind) => ({
        heapPages: perThousand(from.heapPages, to.heapPages), arenas: perThousand(from.arenas, to.arenas), other: perThousand(from.other, to.other),
      });
      return {
        beforeMiB: round(before / MiB), afterMiB: round(after / MiB), againMiB: round(again / MiB),
        perThousandMiB: perThousand(before, after), nextPerThousandMiB: perThousand(after, again), bothPerThousandMiB: perThousand(before, again, 2),
        byKind: { first: grown(kindsBefore, kindsAfter), next: grown(kindsAfter, kindsAgain) }, allCached: done && doneAgain,
      };
    } finally {
      await worker.stop();
    }
  };

  const measureCases = (r: number) => {
    const prefix = `BM${run}${r}`;
    return measure(r, 'case', async (i, taskQueue) => {
      const caseNo = `${prefix}${String(i).padStart(6, '0')}`;
      const submittedAt = Date.now();
      // As the API starts a case: with the calendar from the year before its submission (domain calendarSince).
      const input: CaseStartInput = {
        caseNo, mode: 'native', definitionRef: { id: definition.item.code, version: 1 }, definition, calendar: calendarSince(calendar, submittedAt),
        applicant: { name: 'bench' }, data: {}, submittedAt,
      };
      await stack.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue, workflowId: caseWorkflowId(caseNo), args: [input] });
      if (!(await until(async () => (await caseModel(stack.db).exists({ _id: caseNo })) !== null, 120_000, 20))) throw new Error(`case ${caseNo} was not recorded within 2 minutes`);
    }, (n) => until(async () => (await caseModel(stack.db).countDocuments({ _id: { $regex: `^${prefix}` } })) >= n, 600_000, 1_000));
  };
  const measureHello = (r: number) => measure(r, 'hello', async (_i, taskQueue) => {
    const handle = await stack.client.workflow.start(pingWorkflow, { taskQueue, workflowId: `bench-hello-${randomUUID()}` });
    await handle.executeUpdate(pingUpdate, { args: [1] });
  }, async () => true);

  type Measured = Awaited<ReturnType<typeof measure>>;
  const rounds: { cases: Measured; hello: Measured }[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    if (r % 2 === 0) {
      const cases = await measureCases(r);
      rounds.push({ cases, hello: await measureHello(r) });
    } else {
      const hello = await measureHello(r);
      rounds.push({ hello, cases: await measureCases(r) });
    }
  }
  // Each figure from the round whose ratio for it is the median: a round's two workers ran
  // side by side, under about the same load, so their ratio is steadier than either growth.
  const medianRound = (pick: (m: Measured) => number) => {
    const byRatio = [...rounds].sort((a, b) => pick(a.cases) / pick(a.hello) - pick(b.cases) / pick(b.hello));
    const middle = byRatio[Math.ceil(byRatio.length / 2) - 1];
    if (!middle) throw new Error('no round measured');
    return { cases: pick(middle.cases), hello: pick(middle.hello) };
  };
  const first = medianRound((m) => m.perThousandMiB);
  const next = medianRound((m) => m.nextPerThousandMiB);
  const both = medianRound((m) => m.bothPerThousandMiB);
  const ratios = rounds.map((x) => x.cases.bothPerThousandMiB / x.hello.bothPerThousandMiB);
  const roundsNote = rounds.map((x, i) => `round ${i + 1}: ${x.cases.bothPerThousandMiB} / ${x.hello.bothPerThousandMiB} = ${round(ratios[i] ?? Number.NaN, 2)}×`).join('; ');
  const cases = rounds[0]?.cases;
  const hello = rounds[0]?.hello;
  if (!cases || !hello) throw new Error('no round measured');

  const medianOf = opts.rounds > 1 ? `the round of the median ratio of ${opts.rounds}` : 'one round';
  const figures: Figure[] = [{
    group: 'memory', name: 'worker memory per 1,000 cached open workflows', unit: 'MiB', lowerIsBetter: true,
    value: first.cases, baseline: { name: 'hello workflows (one update handler)', value: first.hello },
    note: `RSS growth, ${opts.workflows} workflows, ${medianOf}; round 1: cases ${cases.beforeMiB} → ${cases.afterMiB} MiB, hello ${hello.beforeMiB} → ${hello.afterMiB} MiB`,
  }, {
    group: 'memory', name: 'worker memory per 1,000 cached open workflows, the next 1,000', unit: 'MiB', lowerIsBetter: true,
    value: next.cases, baseline: { name: 'hello workflows, the next 1,000', value: next.hello },
    note: `RSS growth, ${opts.workflows} more workflows, ${medianOf}; round 1: cases ${cases.afterMiB} → ${cases.againMiB} MiB, hello ${hello.afterMiB} → ${hello.againMiB} MiB`,
  }, {
    group: 'memory', name: 'worker memory per 1,000 cached open workflows, both batches', unit: 'MiB', lowerIsBetter: true,
    value: both.cases, baseline: { name: 'hello workflows, both batches', value: both.hello },
    note: `RSS growth over ${2 * opts.workflows} workflows, per 1,000, ${medianOf} (cases / hello: ${roundsNote}; median ratio ${round(both.cases / both.hello, 2)}×). `
      + `Round 1 by kind (V8's heap pages, the allocator's arenas, other), first then next batch: `
      + `cases ${kinds(cases.byKind.first)}, then ${kinds(cases.byKind.next)}; hello ${kinds(hello.byKind.first)}, then ${kinds(hello.byKind.next)}`,
  }];
  return { figures, raw: { rounds, ratios: ratios.map((x) => round(x, 3)) } };
}
