/**
 * Bare Temporal workflows the benchmarks compare Sunlight against, on the same server and
 * with the same worker options: what the platform itself costs, without Sunlight's work.
 */
import { condition, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { baselineActivities } from './baseline-activities';

const { noop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '1 minute' });

export const pingUpdate = defineUpdate<number, [number]>('ping');
export const releaseSignal = defineSignal('release');

/** One no-op activity, then done: the floor of a case's start-to-end. */
export async function noopActivityWorkflow(): Promise<void> {
  await noop();
}

/** Answers `ping` updates with their argument until released: the floor of a clerk action. */
export async function pingWorkflow(): Promise<void> {
  let released = false;
  setHandler(pingUpdate, (n) => n);
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
}

/** Sleeps until the instant and answers when it woke (the workflow clock at the timer's task). */
export async function sleepUntilWorkflow(at: number): Promise<number> {
  const ms = at - Date.now();
  if (ms > 0) await sleep(ms);
  return Date.now();
}

/** Waits to be released, holding nothing: the floor of a cached workflow's memory. */
export async function helloWorkflow(name: string): Promise<string> {
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
  return `hello, ${name}`;
}
