import { describe, expect, it } from 'vitest';
import { holderOfStep, overdueLongest } from '../../../domain/ladder/holder';

const step = (nodeId: string, department: string, claim?: { userId: string; at: number }) =>
  ({ nodeId, department, role: `${nodeId}-er`, startedAt: 100, ...(claim && { claim }) });

describe('who held a step when its lateness was charged', () => {
  it('is the clerk who claimed it, since the claim; else its position, since the step began', () => {
    expect(holderOfStep(step('review', 'fire', { userId: 'u1', at: 150 }))).toEqual({ nodeId: 'review', department: 'fire', position: 'review-er', since: 150, userId: 'u1' });
    expect(holderOfStep(step('review', 'fire'))).toEqual({ nodeId: 'review', department: 'fire', position: 'review-er', since: 100 });
  });

  it('charges a card to the active step overdue longest at the card, none when no active step was overdue', () => {
    const active = [step('water', 'water'), step('fire', 'fire')];
    const overdues = [{ ref: 'gone', thresholdAt: 10 }, { ref: 'water', thresholdAt: 30 }, { ref: 'fire', thresholdAt: 20 }, { ref: 'water', thresholdAt: 500 }];
    expect(overdueLongest(overdues, active, 400)?.nodeId).toBe('fire');
    expect(overdueLongest(overdues, active, 25)?.nodeId).toBe('fire');
    expect(overdueLongest(overdues, active, 15)).toBeUndefined();
    expect(overdueLongest([], active, 400)).toBeUndefined();
  });
});
