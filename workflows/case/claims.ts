import { holderOfStep, overdueLongest, type StepHolder } from '../../domain/ladder/holder';
import type { ThresholdKind } from '../../domain/ladder/types';
import { checkRights, refuse, resolveToken, type CommandContext } from './commands';
import { CLAIM, follows } from './rules';
import { emit, taskOf, type CaseState, type Token } from './state';

/**
 * 签收: a clerk who holds a step's position in its department claims it, and from then on
 * the step's overdue and the cards it causes are charged to that clerk. A claim by the
 * same clerk again changes nothing; another clerk's claim stands until its clerk releases it.
 */
export function prepareClaim(state: CaseState, nodeId: string | undefined, ctx: CommandContext): () => void {
  const { token, userId } = claimable(state, nodeId, ctx);
  if (token.claim && token.claim.userId !== userId) refuse('STEP_CLAIMED', `${token.nodeId} was claimed by ${token.claim.userId}; they may release it`);
  if (token.claim) return () => undefined;
  return () => {
    token.claim = { userId, at: ctx.at };
    emit(state, 'stepClaimed', ctx.at, `${token.nodeId}: claimed by ${userId} (签收)`, { nodeId: token.nodeId, actorId: userId, payload: { stepKey: token.stepKey } });
  };
}

/** The clerk who claimed a step gives it back to the position. */
export function prepareRelease(state: CaseState, nodeId: string | undefined, ctx: CommandContext): () => void {
  const { token, userId } = claimable(state, nodeId, ctx);
  if (token.claim?.userId !== userId) refuse('NOT_CLAIMED', `${token.nodeId} is not claimed by ${userId}`);
  return () => {
    delete token.claim;
    emit(state, 'stepReleased', ctx.at, `${token.nodeId}: released by ${userId}`, { nodeId: token.nodeId, actorId: userId, payload: { stepKey: token.stepKey } });
  };
}

function claimable(state: CaseState, nodeId: string | undefined, ctx: CommandContext): { token: Token; userId: string } {
  if (!follows(state, CLAIM)) refuse('CLAIM_NOT_AVAILABLE', 'this case started before steps could be claimed (签收)');
  if (!ctx.actor) refuse('TRACKED_CASE', 'a tracked case follows its source system\'s events');
  const token = resolveToken(state, nodeId);
  checkRights(state, token, ctx.actor);
  return { token, userId: ctx.actor.userId };
}

function heldStep(state: CaseState, token: Token) {
  const task = taskOf(state, token.nodeId);
  return task && { nodeId: token.nodeId, department: task.department, role: task.role, startedAt: token.startedAt, claim: token.claim };
}

/**
 * Who held the step a step overdue or a card is charged to, as the alert is raised (cases
 * that follow claims): the step's own holder for its overdue; for a card, the holder of the
 * active step overdue longest; null when no step is to blame. Undefined for other alerts.
 */
export function holderFor(state: CaseState, kind: ThresholdKind, ref: string | undefined, at: number): StepHolder | null | undefined {
  if (!follows(state, CLAIM)) return undefined;
  const active = state.tokens.flatMap((t) => heldStep(state, t) ?? []);
  if (kind === 'stepOverdue') {
    const step = active.find((s) => s.nodeId === ref);
    return step ? holderOfStep(step) : null;
  }
  if (kind !== 'yellowCard' && kind !== 'redCard') return undefined;
  const step = overdueLongest(state.alerts.filter((a) => a.kind === 'stepOverdue'), active, at);
  return step ? holderOfStep(step) : null;
}
