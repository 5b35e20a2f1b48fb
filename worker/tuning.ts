import type { WorkerOptions } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';

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

const shared = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * Modules the worker loads once into its reusable V8 context, shared (and frozen by the SDK)
 * by every workflow there instead of evaluated again for each one: the pure rules of domain/
 * the workflows call, and the table of shared definitions and calendars
 * (workflows/shared/interned.ts). Every other module of the bundle is evaluated per workflow,
 * which is what a cached workflow's memory mostly was. Only modules without per-workflow state
 * belong here: domain/ does no I/O and keeps only memos of pure functions.
 */
export const PRELOADED_MODULES = [
  'workflows/shared/interned.ts',
  'domain/actor.ts',
  'domain/calendar/local-date.ts',
  'domain/calendar/calendar-index.ts',
  'domain/calendar/deadlines.ts',
  'domain/calendar/working-days.ts',
  'domain/clock/errors.ts',
  'domain/clock/transitions.ts',
  'domain/definition/graph/helpers.ts',
  'domain/ladder/closing.ts',
  'domain/ladder/limits.ts',
  'domain/ladder/lock.ts',
  'domain/ladder/pause-limits.ts',
  'domain/ladder/schedule.ts',
  'domain/oversight/anomaly.ts',
  'domain/oversight/anomaly-rules.ts',
  'domain/oversight/complaint.ts',
  'domain/oversight/complaint-rules.ts',
  'domain/oversight/ladder.ts',
  'domain/oversight/order.ts',
  'domain/oversight/order-rules.ts',
  'domain/oversight/vocabulary.ts',
  'domain/records/vocabulary.ts',
  'domain/refusal.ts',
  'domain/statistics/periods.ts',
  'domain/records/case-view.ts',
  'domain/voice/consultation.ts',
  'domain/voice/consultation-rules.ts',
  'domain/voice/rating.ts',
  'domain/voice/rating-rules.ts',
].map(shared);
