import { describe, expect, it } from 'vitest';
import { stepVisits, type StepEventLike } from '../../../domain/records/step-history';

const started = (at: number, nodeId: string, stepKey: string): StepEventLike => ({ type: 'stepStarted', at, nodeId, payload: { stepKey } });
const completed = (at: number, nodeId: string, payload: Record<string, unknown> = {}): StepEventLike => ({ type: 'stepCompleted', at, nodeId, payload });

describe('stepVisits: the steps of a case from its events', () => {
  it('pairs each start with its completion by step key, so a returned task is two visits', () => {
    const visits = stepVisits([
      { type: 'submitted', at: 1 }, started(1, 'accept', 'accept#1'), completed(2, 'accept', { action: 'accept', stepKey: 'accept#1' }),
      started(2, 'undertake', 'undertake#1'), completed(3, 'undertake', { stepKey: 'undertake#1' }),
      started(3, 'review', 'review#1'), completed(4, 'review', { action: 'return', stepKey: 'review#1' }),
      started(4, 'undertake', 'undertake#2'), completed(5, 'undertake', { stepKey: 'undertake#2' }), started(5, 'review', 'review#2'),
    ]);
    expect(visits.map((v) => [v.stepKey, v.startedAt, v.endedAt])).toEqual([
      ['accept#1', 1, 2], ['undertake#1', 2, 3], ['review#1', 3, 4], ['undertake#2', 4, 5], ['review#2', 5, null],
    ]);
  });

  it('ends parallel branches each on its own completion, a refusal (no key) by its task, and what is open at the conclusion', () => {
    const visits = stepVisits([
      started(1, 'accept', 'accept#1'), completed(2, 'accept', { stepKey: 'accept#1' }),
      started(2, 'fire', 'fire#1'), started(2, 'air', 'air#1'), completed(6, 'air', { stepKey: 'air#1' }),
      { type: 'concluded', at: 7, payload: { outcome: 'terminated' } },
    ]);
    expect(visits.map((v) => [v.nodeId, v.endedAt])).toEqual([['accept', 2], ['fire', 7], ['air', 6]]);
    expect(stepVisits([started(1, 'accept', 'accept#1'), completed(3, 'accept', { action: 'refuse' })]).map((v) => v.endedAt)).toEqual([3]);
    expect(stepVisits([completed(3, 'review')])).toEqual([]);
  });
});
