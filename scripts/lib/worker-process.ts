import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ROOT } from './embedded';
import { spawnManaged, waitFor, type Managed, type SpawnOptions } from './processes';

export interface WorkerProcessOptions {
  /** Entry file relative to the repository root; default the product's worker. */
  entry?: string;
  name?: string;
  /** Added to the parent's environment (e.g. TEMPORAL_ADDRESS, MONGODB_URI, TEMPORAL_TASK_QUEUE). */
  env: Record<string, string>;
  onLine?: SpawnOptions['onLine'];
  /** Node options before the entry (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
}

/**
 * Runs a worker as a child process: `node --import tsx <entry>`, one process (no tsx
 * launcher in between), so a SIGKILL reaches the worker itself and its memory is its own.
 */
export function spawnWorker(opts: WorkerProcessOptions): Managed {
  return spawnManaged({
    name: opts.name ?? 'worker',
    command: process.execPath,
    args: [...(opts.nodeArgs ?? []), '--import', 'tsx', join(ROOT, opts.entry ?? 'worker/index.ts')],
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', LOG_LEVEL: 'warn', ...opts.env },
    ...(opts.onLine && { onLine: opts.onLine }),
  });
}

/** True when some worker polls the task queue's workflow tasks. */
export async function taskQueuePolled(address: string, taskQueue: string, namespace = 'default'): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const res = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 });
    return (res.pollers?.length ?? 0) > 0;
  } finally {
    await connection.close();
  }
}

/** Waits until a worker polls the queue, failing early if the process exits. */
export async function waitForWorker(proc: Managed, address: string, taskQueue: string, timeoutMs = 180_000): Promise<void> {
  let exit: number | string | undefined;
  void proc.exited.then((code) => (exit = code));
  await waitFor(`worker on ${taskQueue}`, async () => {
    if (exit !== undefined) throw new Error(`worker exited (${exit})`);
    return taskQueuePolled(address, taskQueue);
  }, timeoutMs);
  if (exit !== undefined) throw new Error(`worker exited (${exit}) before it polled ${taskQueue}`);
}

/** Resident set size of a process, from /proc (Linux), in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * The CPU time (user and system, ms) a process has used so far, from /proc (Linux; in ticks
 * of 10 ms); null where it cannot be read: the work it did, not how long it waited for the cores.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * 10 : null;
  } catch {
    return null;
  }
}
