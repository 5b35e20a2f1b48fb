import { processCpuMs } from '../../scripts/lib/worker-process';
import { round } from './figures';
import type { BenchStack } from './stack';

/** CPU time of the stack's processes, in seconds (or, as a snapshot, milliseconds so far). */
export interface CpuSeconds {
  devServer: number;
  ferretDb: number;
  worker: number;
  /** This process: the API, the clerk and the benchmark's own look-ups. */
  benchmark: number;
}

/** The CPU time so far of the stack's processes and of `worker` (ms), to subtract; null where one cannot be read. */
export function cpuNow(stack: BenchStack, worker: number | undefined): CpuSeconds | null {
  const [devServer, ferretDb, w] = [processCpuMs(stack.temporalPid), processCpuMs(stack.ferretDbPid), processCpuMs(worker)];
  if (devServer === null || ferretDb === null || w === null) return null;
  const own = process.cpuUsage();
  return { devServer, ferretDb, worker: w, benchmark: (own.user + own.system) / 1000 };
}

/** The CPU seconds each process used since `from` (null where one cannot be read). */
export function cpuSince(stack: BenchStack, worker: number | undefined, from: CpuSeconds | null): CpuSeconds | null {
  const to = cpuNow(stack, worker);
  if (!from || !to) return null;
  const s = (k: keyof CpuSeconds) => round((to[k] - from[k]) / 1000);
  return { devServer: s('devServer'), ferretDb: s('ferretDb'), worker: s('worker'), benchmark: s('benchmark') };
}

export const cpuText = (c: CpuSeconds | null) =>
  c === null ? 'not readable' : `dev server ${c.devServer} s, FerretDB ${c.ferretDb} s, worker ${c.worker} s, benchmark process with the API ${c.benchmark} s`;

/** The same CPU seconds shared out per unit of work (`n` cases), in milliseconds each. */
export function cpuPerUnit(c: CpuSeconds | null, n: number): CpuSeconds | null {
  if (c === null) return null;
  const per = (s: number) => round((s * 1000) / n, 1);
  return { devServer: per(c.devServer), ferretDb: per(c.ferretDb), worker: per(c.worker), benchmark: per(c.benchmark) };
}

export const cpuMsText = (c: CpuSeconds | null) =>
  c === null ? 'not readable' : `dev server ${c.devServer}, FerretDB ${c.ferretDb}, worker ${c.worker}, benchmark process with the API ${c.benchmark} ms`;
