import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export const slotGoSignal = defineSignal('slotGo');

interface SlotActivities {
  held(): Promise<string>;
  quick(): Promise<string>;
}

const { held, quick } = proxyActivities<SlotActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 1 } });

/**
 * Two activities on a worker of one activity slot: `held` first; `quick` once the test
 * signals that `held` runs. `quick` can then only run if `held` gave its slot back.
 */
export async function slotWorkflow(): Promise<string[]> {
  let go = false;
  setHandler(slotGoSignal, () => {
    go = true;
  });
  const first = held();
  await condition(() => go);
  const second = await quick();
  return [await first, second];
}
