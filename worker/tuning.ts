import type { WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

/**
 * Worker options for the single-machine setup (2 cores shared by the Temporal dev server,
 * FerretDB, the API and this worker). README "Performance" gives the measurements behind them.
 *
 * - Workflow tasks are CPU work in one V8 isolate (`reuseV8Context`, one workflow thread), but
 *   a timer's task also holds its slot while its alerts are recorded (a local activity,
 *   workflows/shared/proxies.ts `timerRecorder`: mostly waiting on the paced list writes). At
 *   midnight about a hundred timers fire a second, each recording taking a second or more, so
 *   the slots must outnumber the recordings in flight or the tasks back up on the server, the
 *   clerks' updates behind them: with 64 slots a burst of 1,000 was recorded in 23 s with the
 *   clerk's p95 at 7.3 s; with 256, in 17 s with it at 69 ms (1.33× quiet). The local
 *   activities get as many slots, since each waits in a task's slot anyway, but only 12 of
 *   them write at once (activities/detach.ts `LOCAL_WRITERS`, a turn given back once a
 *   recording only waits for its paced lists, as the activity slots below): with all 256
 *   writing, a reference run's burst of 1,000 was recorded in 19.7 s but the clerk's p95 was
 *   846 ms (13.9× quiet); with 12 writing, 26.4 s and 111 ms (1.87×). A quiet clerk's
 *   action measured p50 / p95 33.5 / 63.0 ms with 256 against 29.3 / 58.4 with the former 8
 *   (one alternated pair on the quiet machine; the raw update 8.2–9.3 ms in both).
 * - Activities mostly wait on FerretDB, whose SQLite backend has one writer. 12 in flight keep
 *   it busy without taking the two cores from the workflow tasks: with the recording made
 *   cheaper (2026-12-05), 32 recorded a burst of 1,000 alerts in 33 s but delayed the raises
 *   (p99 18.9 s against 6.8 for bare timers) and the clerk's actions (p95 5.0 s, 57× quiet);
 *   12 recorded it in 41 s with the raises at p99 9.1 s (8.1 bare) and the clerk at p95
 *   156 ms (1.45×). More slots let group commit (db/group-commit.ts) gather larger groups, but
 *   the clerks' requests then wait behind them (256 slots: p95 7.2 s), so the clerks win.
 *   Measured again once alerts without an outside channel stopped taking a delivery activity:
 *   24 recorded the burst in 46 s instead of 68 but raised its alerts later (p99 31 s
 *   against 19) and failed one clerk action, so 12 stay. A recording that only waits for its
 *   paced list writes gives its slot back (activities/detach.ts), so the 12 are the
 *   recordings writing, not the ones waiting. Since 2026-12-06 these slots record the
 *   people's actions (and whatever else is not a timer's alerts); a timer's
 *   alerts take a local activity (above), so a clerk's recording no longer queues behind a
 *   midnight's.
 * - Every open case waits on a timer for days; the cache keeps recent ones in memory so a
 *   timer or an update does not replay the whole history. A cached case costs about
 *   0.3 MB of resident memory (memory benchmark, 0.27–0.33 between runs; a hello workflow
 *   0.05–0.10 MB), so 4,000 cost about 1.2 GB; beyond that the least recently used case is
 *   evicted and replayed from its history when its timer fires (milliseconds for a case's
 *   short history). Of a case's 0.3 MB, heap snapshots find about 0.08 MB in the workflow
 *   thread's V8 heap (mostly the SDK's own per-workflow state: the stack trace it records for
 *   every pending promise, the activator, a copy of the context's globals) and 0.03 MB in the
 *   main thread's (the SDK's per-run pipeline and last completion); the rest is outside both
 *   V8 heaps, in the allocator's arenas (README "Performance").
 */
export const WORKER_TUNING = {
  maxConcurrentWorkflowTaskExecutions: 256,
  maxConcurrentLocalActivityExecutions: 256,
  maxConcurrentActivityTaskExecutions: 12,
  maxCachedWorkflows: 4_000,
  maxConcurrentWorkflowTaskPolls: 4,
  maxConcurrentActivityTaskPolls: 4,
  workflowThreadPoolSize: 1,
} as const satisfies Partial<WorkerOptions>;

/**
 * Modules the worker loads once into its reusable V8 context, shared (and deep-frozen by the
 * SDK) by every workflow there, instead of evaluated again for each workflow: without it, every
 * cached case held its own copy of every module of the bundle. Here: the workflows with
 * everything they import (the pure rules of domain/, the contracts, the table of shared
 * definitions and calendars in workflows/shared/interned.ts). This is safe because no module of
 * theirs keeps per-workflow state at module scope: the workflow state lives in each run's
 * function scope, activity proxies find the running workflow when called, and the only
 * module-level tables are memos of pure functions (calendar index, graph analysis) and the
 * interned values, which are frozen.
 */
export const PRELOADED_MODULES = [fileURLToPath(new URL('../workflows/index.ts', import.meta.url))];
