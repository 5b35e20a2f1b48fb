import { loadavg } from 'node:os';

/** One measured figure, with the baseline measured in the same run when there is one. */
export interface Figure {
  group: string;
  name: string;
  unit: string;
  value: number;
  /** True when a smaller value is better (latency, memory); false for rates. */
  lowerIsBetter: boolean;
  baseline?: { name: string; value: number };
  note?: string;
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function load(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}

/** Runs `task` over the items, `concurrency` at a time, in order of the items. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** Polls until the probe answers true or the time is up; answers whether it did. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The median of `runs` timed calls after one warm-up, in ms (one decimal). */
export async function medianMs(call: () => Promise<unknown>, runs = 7): Promise<number> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return round(quantile(times, 0.5), 1);
}

/** One timed call, in ms (one decimal): a baseline too slow to repeat. */
export async function onceMs(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return round(performance.now() - started, 1);
}
