import type { Instant } from '../calendar/local-date';

/** A clerk's claim (签收) of an active step: from then on its lateness is charged to them. */
export interface StepClaim {
  userId: string;
  at: Instant;
}

/**
 * Who held a step when its lateness was charged (超时责任倒查): the clerk who claimed it, since
 * the claim; else its position in its department, since the step began.
 */
export interface StepHolder {
  nodeId: string;
  department: string;
  position: string;
  since: Instant;
  userId?: string;
}

/** An active step as the charge reads it. */
export interface HeldStep {
  nodeId: string;
  department: string;
  role: string;
  startedAt: Instant;
  claim?: StepClaim | undefined;
}

export function holderOfStep(step: HeldStep): StepHolder {
  const { nodeId, department, role: position, claim } = step;
  return claim
    ? { nodeId, department, position, since: claim.at, userId: claim.userId }
    : { nodeId, department, position, since: step.startedAt };
}

/**
 * The step a case card is charged to: of the steps active when the card fell, the one whose
 * own overdue fell first (in parallel approval, the late branch rather than the lead
 * department); none when no active step was overdue.
 */
export function overdueLongest<S extends { nodeId: string }>(
  stepOverdues: readonly { ref?: string | null | undefined; thresholdAt: Instant }[], active: readonly S[], at: Instant,
): S | undefined {
  const byNode = new Map(active.map((s) => [s.nodeId, s]));
  return stepOverdues
    .filter((a) => a.thresholdAt <= at)
    .sort((a, b) => a.thresholdAt - b.thresholdAt)
    .map((a) => (a.ref ? byNode.get(a.ref) : undefined))
    .find((s) => s !== undefined);
}
