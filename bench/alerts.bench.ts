/**
 * Alert lateness: N open cases whose thresholds fall due at one instant T about a minute
 * ahead, as every case's warning does at local midnight; p50/p99 of (alert raised − T),
 * against N bare workflows sleeping until T on the same server and worker options.
 *
 * The cases are started directly through the Temporal client (not the API) with a work
 * calendar whose UTC offset puts local midnight at T, every day around it a working day,
 * and a one-day supplement-notice limit: the supplement-notice overdue alert and the
 * acceptance step's overdue alert of every case fall due at T.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { caseWorkflowId } from '../config/temporal';
import { alertModel } from '../db/models/alert';
import { caseModel } from '../db/models/case';
import { caseEventModel } from '../db/models/case-event';
import { caseDueAt } from '../test/support/due-soon';
import { CASE_WORKFLOW_NAME } from '../workflows/case/contract';
import { clerkOf, oneCase, type Repeats } from './cases.bench';
import { sleepUntilWorkflow } from './lib/baseline-workflows';
import { cpuNow, cpuSince, cpuText, type CpuSeconds } from './lib/cpu';
import { pool, quantile, round, until, type Figure } from './lib/figures';
import { BASELINE_QUEUE, CASE_QUEUE, type BenchStack } from './lib/stack';

const MINUTE = 60_000;
/** How long FerretDB's CPU profile of a burst runs from its instant (with --profile-workers). */
const BURST_PROFILE_SECONDS = 15;

export interface AlertRun {
  requested: number;
  started: number;
  startSeconds: number;
  dueAt: string;
  caseLatenessMs: { p50: number; p99: number; max: number; counted: number };
  recordedAllAfterMs: number | null;
  /** When every case's read model (and so the lists, the rollups before it) had taken in its alert. */
  readModelsAllAfterMs: number | null;
  baselineLatenessMs: { p50: number; p99: number; max: number; counted: number };
  /** CPU seconds by process from T until every alert is recorded, and from the bare timers' instant until all woke. */
  cpuSeconds: { burst: CpuSeconds | null; bare: CpuSeconds | null };
  /** Clerk actions (HTTP) one clerk at a time: quiet before the cases start, and from T until every alert is recorded. */
  clerkMs: { quietP95: number; quietCount: number; burstP95: number; burstCount: number; burstFailedCases: number; burstFailures: string[]; burstRepeats: Repeats };
}

/**
 * A probe answering whether every document of `ids` is there, walking them in order by `_id`
 * and never asking again for one found: about one lookup per document over the burst. (A
 * count with a filter, as before, made FerretDB decode every alert at each poll: 215 ms of its
 * CPU at 1,000 alerts, 485 ms at 2,000, every half second, taken from the burst it measured.)
 */
function allFound(model: ReturnType<typeof alertModel>, ids: readonly string[]): () => Promise<boolean> {
  let next = 0;
  return async () => {
    while (next < ids.length && (await model.exists({ _id: ids[next] }))) next++;
    return next >= ids.length;
  };
}

/** Runs one size; stops starting cases when T is near, and reports how many were running by then. */
async function runSize(stack: BenchStack, n: number, startBudgetMs: number): Promise<AlertRun> {
  const run = randomUUID().slice(0, 6);
  // The baseline first, on a quiet server: as many bare sleepers, due at one instant. (Run after
  // the cases, it measured the backlog the cases left behind instead.)
  // Time to start them: about 20 ms a workflow here, capped by the budget.
  const budget = Math.min(startBudgetMs, 20_000 + n * 20);
  const baseDue = Math.ceil((Date.now() + budget + 30_000) / MINUTE) * MINUTE;
  const handles = (await pool(Array.from({ length: n }), 16, async () =>
    Date.now() > baseDue - 15_000 ? null : stack.client.workflow.start(sleepUntilWorkflow, { taskQueue: BASELINE_QUEUE, workflowId: `bench-sleep-${randomUUID()}`, args: [baseDue] }),
  )).filter((h) => h !== null);
  const baselinePid = stack.baselineWorker.child.pid;
  const bareCpu = delay(Math.max(0, baseDue - Date.now())).then(() => cpuNow(stack, baselinePid));
  const woke = await pool(handles, 32, (h) => h.result());
  const bareCpuSeconds = cpuSince(stack, baselinePid, await bareCpu);
  const baseLate = woke.map((at) => at - baseDue);
  const token = await clerkOf(stack);
  const quiet: number[] = [];
  for (let i = 0; i < 8; i++) quiet.push(...(await oneCase(stack, token)));
  const dueAt = Math.ceil((Date.now() + budget + 30_000) / MINUTE) * MINUTE;
  const stopStartingAt = dueAt - 15_000;
  const t0 = Date.now();
  const caseNos = (await pool(Array.from({ length: n }, (_, i) => i), 16, async (i) => {
    if (Date.now() > stopStartingAt) return null;
    const caseNo = `BA${run}${String(i).padStart(6, '0')}`;
    await stack.client.workflow.start(CASE_WORKFLOW_NAME, { taskQueue: CASE_QUEUE, workflowId: caseWorkflowId(caseNo), args: [caseDueAt(caseNo, dueAt)] });
    return caseNo;
  })).filter((c): c is string => c !== null);
  const startSeconds = (Date.now() - t0) / 1000;
  const Alert = alertModel(stack.db);
  const filter = { caseNo: { $regex: `^BA${run}` }, kind: 'supplementNoticeOverdue' };
  let burstOver = false;
  const burst: number[] = [];
  let clerkFailures = 0;
  const clerkFailureReasons: string[] = [];
  const clerkRepeats: Repeats = { actions: 0, repeats: 0 };
  const workerPid = stack.caseWorker.child.pid;
  const burstCpu = delay(Math.max(0, dueAt - Date.now())).then(() => cpuNow(stack, workerPid));
  // With --profile-workers, FerretDB's CPU profile of the burst's first seconds (where the recordings queue).
  const ferretDbProfile = delay(Math.max(0, dueAt - Date.now())).then(() => stack.profileFerretDb(`burst-${n}`, BURST_PROFILE_SECONDS)).catch((error: unknown) => {
    process.stderr.write(`FerretDB's profile of the burst of ${n}: ${String(error)}\n`);
    return null;
  });
  const clerk = (async () => {
    while (Date.now() < dueAt) await delay(100);
    while (!burstOver) {
      try {
        burst.push(...(await oneCase(stack, token, 0, undefined, undefined, clerkRepeats)));
      } catch (error) {
        // An action that failed (still pending after the page's patience, or refused) is counted, not timed; the first few say why.
        clerkFailures += 1;
        if (clerkFailureReasons.length < 5) clerkFailureReasons.push(String((error as Error).message).slice(0, 300));
      }
    }
  })();
  const recorded = await until(allFound(Alert, caseNos.map((caseNo) => `${caseNo}:supplementNoticeOverdue`)), Math.max(0, dueAt - Date.now()) + 180_000, 500);
  const recordedAllAfterMs = recorded ? Date.now() - dueAt : null;
  const burstCpuSeconds = cpuSince(stack, workerPid, await burstCpu);
  burstOver = true;
  await clerk;
  // The rest of each recording (rollups, read model, list index) follows its alert in the same activity.
  const prefix = { $regex: `^BA${run}` };
  const caughtUp = async () => {
    const alerted = new Map((await caseEventModel(stack.db).find({ caseNo: prefix, type: 'alert' }, { caseNo: 1, seq: 1 }).lean()).map((e) => [e.caseNo, e.seq]));
    const models = await caseModel(stack.db).find({ _id: prefix }, { seq: 1 }).lean();
    return alerted.size >= caseNos.length && models.filter((m) => m.seq >= (alerted.get(String(m._id)) ?? Infinity)).length >= caseNos.length;
  };
  const readModelsAllAfterMs = recorded && (await until(caughtUp, Math.max(0, dueAt - Date.now()) + 180_000, 1_000)) ? Date.now() - dueAt : null;
  const profile = await ferretDbProfile;
  if (profile) process.stdout.write(`FerretDB's CPU profile of the burst of ${n} (its first ${BURST_PROFILE_SECONDS} s): ${profile}\n`);
  const alerts = await Alert.find(filter, { raisedAt: 1, thresholdAt: 1 }).lean();
  const caseLate = alerts.filter((a) => a.thresholdAt.getTime() === dueAt).map((a) => a.raisedAt.getTime() - dueAt);

  const stats = (xs: number[]) => ({ p50: round(quantile(xs, 0.5)), p99: round(quantile(xs, 0.99)), max: round(quantile(xs, 1)), counted: xs.length });
  return {
    requested: n, started: caseNos.length, startSeconds: round(startSeconds), dueAt: new Date(dueAt).toISOString(),
    caseLatenessMs: stats(caseLate), recordedAllAfterMs, readModelsAllAfterMs, baselineLatenessMs: stats(baseLate), cpuSeconds: { burst: burstCpuSeconds, bare: bareCpuSeconds },
    clerkMs: { quietP95: round(quantile(quiet, 0.95)), quietCount: quiet.length, burstP95: round(quantile(burst, 0.95)), burstCount: burst.length, burstFailedCases: clerkFailures, burstFailures: clerkFailureReasons, burstRepeats: clerkRepeats },
  };
}

export async function alertBenchmarks(stack: BenchStack, opts: { sizes: number[]; startBudgetMs: number }): Promise<{ figures: Figure[]; raw: AlertRun[] }> {
  const runs: AlertRun[] = [];
  const figures: Figure[] = [];
  for (const n of opts.sizes) {
    const r = await runSize(stack, n, opts.startBudgetMs);
    runs.push(r);
    const note = `${r.started} of ${n} cases open at T (started in ${r.startSeconds} s); ${r.caseLatenessMs.counted} alerts counted; all recorded in MongoDB ${r.recordedAllAfterMs === null ? 'not within 3 min' : `${round(r.recordedAllAfterMs / 1000)} s after T`}; every read model caught up ${r.readModelsAllAfterMs === null ? 'not within 3 min' : `${round(r.readModelsAllAfterMs / 1000)} s after T`}`;
    if (r.caseLatenessMs.counted === 0) {
      // No quantile of nothing: say how many were raised in time instead.
      figures.push({
        group: 'alerts', name: `alerts recorded within 3 min of T, ${r.started} cases due at one instant`, unit: 'alerts', lowerIsBetter: false, value: 0,
        note: `${note}; ${r.baselineLatenessMs.counted} bare sleep() workflows woke ${round(r.baselineLatenessMs.p50 / 1000)} s (p50) / ${round(r.baselineLatenessMs.p99 / 1000)} s (p99) late`,
      });
      continue;
    }
    if (r.recordedAllAfterMs !== null) {
      // Goal: every alert in the database within 1.5× the time the bare timers take to all complete.
      figures.push({
        group: 'alerts', name: `all alerts recorded after T, ${r.started} cases due at one instant`, unit: 'ms', lowerIsBetter: true,
        value: r.recordedAllAfterMs, baseline: { name: `${r.baselineLatenessMs.counted} bare sleep() workflows all complete`, value: r.baselineLatenessMs.max },
        note: `${note}; CPU from T until all recorded: ${cpuText(r.cpuSeconds.burst)}; the bare timers from their instant until all woke: ${cpuText(r.cpuSeconds.bare)} (the baseline worker's as the worker's)`,
      });
    }
    figures.push({
      group: 'alerts', name: `clerk action p95 during the burst of ${r.started} cases`, unit: 'ms', lowerIsBetter: true,
      value: r.clerkMs.burstP95, baseline: { name: 'the same clerk, quiet, before the cases start', value: r.clerkMs.quietP95 },
      note: `${r.clerkMs.burstCount} actions from T until every alert was recorded (${r.clerkMs.burstRepeats.actions} answered 503 action-pending first and repeated under their key, ${r.clerkMs.burstRepeats.repeats} repeats; ${r.clerkMs.burstFailedCases} cases stopped by a failed action); ${r.clerkMs.quietCount} quiet`,
    });
    for (const q of ['p50', 'p99'] as const) {
      figures.push({
        group: 'alerts', name: `alert lateness ${q}, ${r.started} cases due at one instant`, unit: 'ms', lowerIsBetter: true,
        value: r.caseLatenessMs[q], baseline: { name: `${r.baselineLatenessMs.counted} bare sleep() workflows`, value: r.baselineLatenessMs[q] }, note,
      });
    }
  }
  return { figures, raw: runs };
}
