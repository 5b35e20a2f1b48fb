import type { WorkerOptions } from '@temporalio/worker';

/**
 * Worker options for the single-machine setup (2 cores shared by the Temporal dev server,
 * FerretDB, the API and this worker). README "Performance" gives the measurements behind them.
 *
 * - Workflow tasks are CPU work in one V8 isolate (`reuseV8Context`, one workflow thread):
 *   more than a few in flight only queue behind each other, so 8 keeps the server's task
 *   latency low without starving the activities' event loop.
 * - Activities mostly wait on FerretDB, whose SQLite backend has one writer: 32 in flight
 *   is enough to keep it busy; more only lengthens its lock queue.
 * - Every open case waits on a timer for days; the cache keeps recent ones in memory so a
 *   timer or an update does not replay the whole history. A cached case costs about
 *   0.42 MB of resident memory (memory benchmark; a hello workflow about 0.13 MB), so 4,000
 *   cost about 1.7 GB; beyond that the least recently used case is evicted and replayed
 *   from its history when its timer fires (milliseconds for a case's short history).
 */
export const WORKER_TUNING = {
  maxConcurrentWorkflowTaskExecutions: 8,
  maxConcurrentActivityTaskExecutions: 32,
  maxCachedWorkflows: 4_000,
  maxConcurrentWorkflowTaskPolls: 4,
  maxConcurrentActivityTaskPolls: 4,
  workflowThreadPoolSize: 1,
} as const satisfies Partial<WorkerOptions>;
