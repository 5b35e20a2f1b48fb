import { condition, defineQuery, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const smokeApproveUpdate = defineUpdate<string, [string]>('smokeApprove');
export const smokeStateQuery = defineQuery<string>('smokeState');

/** A timer and an update: the smallest workflow that exercises what the case workflow needs. */
export async function smokeWorkflow(timerMs: number): Promise<{ approvedBy: string | null; timedOut: boolean }> {
  let approvedBy: string | null = null;
  setHandler(smokeStateQuery, () => (approvedBy ? `approved by ${approvedBy}` : 'waiting'));
  setHandler(
    smokeApproveUpdate,
    (who) => {
      approvedBy = who;
      return `approved by ${who}`;
    },
    {
      validator: (who) => {
        if (!who) throw new Error('who is required');
      },
    },
  );
  const approved = await condition(() => approvedBy !== null, timerMs);
  if (!approved) await sleep(1);
  return { approvedBy, timedOut: !approved };
}
