import { pauseClock, resumeClock, startClock } from '../../domain/clock/transitions';
import { edgeForAction, outgoingEdges, taskActions } from '../../domain/definition/graph/helpers';
import type { EdgeAction, ProcessEdge, TaskNode } from '../../domain/definition/types';
import type { StepReport } from './contract';
import { isLocked } from '../../domain/ladder/lock';
import { raiseAnomaly } from './anomalies';
import { prepareClaim, prepareRelease } from './claims';
import { unlockFlow } from './lock';
import { checkReasonCode, checkSupplementAllowed, closePauses, openPause } from './pauses';
import { PAUSE_LIMITS, follows } from './rules';
import {
  checkRights, checkRightsOnCase, refuse, resolveToken, type Command, type CommandContext,
} from './commands';
import { closeSpecialProcedure, conclude, leaveTask, openSpecialProcedure, takeEdge } from './graph';
import { definitionOf, emit, taskOf, type CaseState, type Token } from './state';

/**
 * Checks a command against the case as it is now and returns the change to make. Throws
 * `Refused` with a stable code when the command is not allowed now. Pure until the
 * returned function runs, so an update validator can call it safely.
 */
export function prepare(state: CaseState, cmd: Command, ctx: CommandContext): () => void {
  if (state.concluded) refuse('CASE_CONCLUDED', `the case was concluded (${state.concluded.outcome})`);
  // Claiming a step moves nothing, so a locked flow allows it.
  if (ctx.actor && cmd.type !== 'unlock' && cmd.type !== 'claim' && cmd.type !== 'release' && isLocked(state.lock, ctx.at)) {
    refuse('CASE_LOCKED', `the flow is locked since the ${state.lock?.card ?? 'card'} (流程锁定): a supervisor unlocks it or opens a supervision order`);
  }
  switch (cmd.type) {
    case 'accept':
    case 'refuse': {
      if (state.acceptedAt !== null) refuse('NOT_AT_ACCEPTANCE', 'the case has already been accepted');
      const token = resolveToken(state, undefined, (t) => taskOf(state, t.nodeId)?.stage === 'accept');
      checkRights(state, token, ctx.actor);
      if (state.suspended) refuse('CASE_SUSPENDED', 'the case is suspended');
      if (cmd.type === 'refuse') return () => refuseCase(state, token, cmd.reason, ctx);
      if (state.supplementPending) refuse('SUPPLEMENT_PENDING', 'the applicant has not yet supplemented the materials');
      const action = acceptAction(state, token);
      return () => completeTask(state, token, edgeOf(state, token, action), action, cmd.report, ctx);
    }
    case 'completeStep':
    case 'conclude': {
      const token = cmd.type === 'conclude'
        ? resolveToken(state, cmd.nodeId, (t) => taskOf(state, t.nodeId)?.stage === 'conclude')
        : resolveToken(state, cmd.nodeId);
      checkRights(state, token, ctx.actor);
      checkStepCanEnd(state, token);
      const task = taskOf(state, token.nodeId) as TaskNode;
      const actions = taskActions(definitionOf(state), token.nodeId);
      const action = cmd.action ?? (actions.length === 1 ? actions[0] : undefined);
      if (action === undefined) refuse('ACTION_NOT_ALLOWED', `${task.name} offers ${actions.join(', ')}: name the action`);
      if (task.stage === 'accept' && state.acceptedAt === null && action === 'refuse') {
        return () => refuseCase(state, token, 'refused at acceptance', ctx);
      }
      const edge = action === 'return' ? returnEdge(state, token, cmd.type === 'completeStep' ? cmd.returnTo : undefined) : edgeOf(state, token, action);
      return () => completeTask(state, token, edge, action, cmd.report, ctx);
    }
    case 'supplementNotice': {
      if (cmd.materials.length === 0) refuse('INVALID_ARGUMENT', 'a supplement notice lists the missing materials');
      if (state.suspended) refuse('CASE_SUSPENDED', 'the case is suspended');
      if (state.supplementPending) refuse('SUPPLEMENT_PENDING', 'a supplement notice is already waiting for the applicant');
      const reasonCode = checkReasonCode('supplement', cmd.reasonCode);
      checkSupplementAllowed(state);
      if (state.acceptedAt === null) {
        if (state.supplementNoticeIssued) refuse('SUPPLEMENT_NOTICE_ALREADY_ISSUED', 'the one-time supplement notice (一次性告知) was already issued');
        checkRights(state, resolveToken(state, undefined, (t) => taskOf(state, t.nodeId)?.stage === 'accept'), ctx.actor);
      } else {
        checkRightsOnCase(state, ctx.actor);
      }
      return () => {
        if (state.acceptedAt === null) {
          state.supplementNoticeIssued = true;
          state.supplementNoticeResolvedAt ??= ctx.at;
        } else {
          state.processing = pauseClock(state.processing, 'supplement', ctx.at);
        }
        state.supplementPending = true;
        const reason = cmd.reason ?? cmd.materials.join(', ');
        openPause(state, state.acceptedAt === null ? 'one-time-notice' : 'supplement', ctx.at, reasonCode, reason, actorOf(ctx).actorId);
        emit(state, 'supplementNotice', ctx.at, `supplement notice: ${cmd.materials.join(', ')}`, {
          ...actorOf(ctx), payload: { materials: cmd.materials, ...(follows(state, PAUSE_LIMITS) && { reasonCode, reason }) },
        });
      };
    }
    case 'supplementReceived': {
      if (!state.supplementPending) refuse('NO_SUPPLEMENT_PENDING', 'no supplement notice is waiting');
      if (state.acceptedAt === null) checkRights(state, resolveToken(state, undefined, (t) => taskOf(state, t.nodeId)?.stage === 'accept'), ctx.actor);
      else checkRightsOnCase(state, ctx.actor);
      return () => {
        state.supplementPending = false;
        closePauses(state, ['supplement', 'one-time-notice'], ctx.at);
        if (state.acceptedAt !== null) state.processing = resumeClock(state.processing, 'supplement', ctx.at);
        emit(state, 'supplementReceived', ctx.at, 'supplement received', actorOf(ctx));
      };
    }
    case 'startSpecialProcedure': {
      if (state.acceptedAt === null) refuse('NOT_ACCEPTED', 'a special procedure starts after acceptance');
      if (state.suspended) refuse('CASE_SUSPENDED', 'the case is suspended');
      const token = resolveToken(state, cmd.nodeId);
      checkRights(state, token, ctx.actor);
      const task = taskOf(state, token.nodeId) as TaskNode;
      const declared = task.specialProcedure;
      if (!declared || task.stage === 'special' || declared.kind !== cmd.kind) {
        refuse('SPECIAL_PROCEDURE_NOT_ALLOWED', `${task.name} does not provide the special procedure ${cmd.kind}`);
      }
      if (openProcedures(state, token).length > 0) refuse('SPECIAL_PROCEDURE_RUNNING', `a special procedure is already running on ${task.name}`);
      const limitDays = cmd.limitDays ?? declared.limitDays;
      if (limitDays === undefined || !Number.isInteger(limitDays) || limitDays < 1) refuse('INVALID_ARGUMENT', 'the special procedure needs its limit in working days');
      const key = cmd.key ?? `${token.stepKey}:sp${state.specialProcedures.filter((sp) => sp.key.startsWith(`${token.stepKey}:`)).length + 1}`;
      return () => openSpecialProcedure(state, key, cmd.kind, limitDays, token.nodeId, ctx.at);
    }
    case 'endSpecialProcedure': {
      const open = state.specialProcedures.filter((sp) => sp.endedAt === undefined && taskOf(state, sp.nodeId ?? '')?.stage !== 'special');
      const match = cmd.key === undefined ? open : open.filter((sp) => sp.key === cmd.key);
      const [procedure, ...others] = match;
      if (!procedure) refuse('NO_SPECIAL_PROCEDURE', cmd.key ? `no special procedure ${cmd.key} is running` : 'no special procedure is running');
      if (others.length > 0) refuse('STEP_AMBIGUOUS', 'several special procedures are running: name the key');
      const token = state.tokens.find((t) => t.nodeId === procedure.nodeId);
      if (token) checkRights(state, token, ctx.actor);
      return () => closeSpecialProcedure(state, procedure.key, ctx.at);
    }
    case 'suspend': {
      if (state.acceptedAt === null) refuse('NOT_ACCEPTED', 'only an accepted case can be suspended');
      if (state.suspended) refuse('CASE_SUSPENDED', 'the case is already suspended');
      checkRightsOnCase(state, ctx.actor);
      const reasonCode = checkReasonCode('suspension', cmd.reasonCode);
      return () => {
        state.suspended = true;
        state.processing = pauseClock(state.processing, 'suspension', ctx.at);
        emit(state, 'suspended', ctx.at, `suspended: ${cmd.reason}`, {
          ...actorOf(ctx), payload: { reason: cmd.reason, ...(follows(state, PAUSE_LIMITS) && { reasonCode }) },
        });
        openPause(state, 'suspension', ctx.at, reasonCode, cmd.reason, actorOf(ctx).actorId);
      };
    }
    case 'resume': {
      if (!state.suspended) refuse('NOT_SUSPENDED', 'the case is not suspended');
      checkRightsOnCase(state, ctx.actor);
      return () => {
        state.suspended = false;
        closePauses(state, ['suspension'], ctx.at);
        state.processing = resumeClock(state.processing, 'suspension', ctx.at);
        emit(state, 'resumed', ctx.at, 'resumed', actorOf(ctx));
      };
    }
    case 'unlock': {
      const actor = ctx.actor;
      if (!actor || 'departments' in actor || !actor.roles.includes('supervisor')) refuse('ROLE_NOT_ALLOWED', 'only a supervisor unlocks a locked flow');
      if (!state.lock || state.lock.unlocked) refuse('NOT_LOCKED', 'the flow is not locked');
      if (cmd.reason.trim() === '') refuse('INVALID_ARGUMENT', 'an unlock gives its reason');
      return () => unlockFlow(state, actor.userId, cmd.reason, ctx.at);
    }
    case 'claim':
      return prepareClaim(state, cmd.nodeId, ctx);
    case 'release':
      return prepareRelease(state, cmd.nodeId, ctx);
    case 'terminate': {
      checkRightsOnCase(state, ctx.actor);
      return () => conclude(state, 'terminated', ctx.at, cmd.reason);
    }
  }
}

function actorOf(ctx: CommandContext): { actorId?: string } {
  const actorId = ctx.actor?.userId ?? ctx.actorId;
  return actorId === undefined ? {} : { actorId };
}

function openProcedures(state: CaseState, token: Token) {
  return state.specialProcedures.filter((sp) => sp.endedAt === undefined && sp.key.startsWith(`${token.stepKey}:`));
}

function checkStepCanEnd(state: CaseState, token: Token): void {
  if (state.suspended) refuse('CASE_SUSPENDED', 'the case is suspended');
  if (state.supplementPending) refuse('SUPPLEMENT_PENDING', 'the applicant has not yet supplemented the materials');
  if (openProcedures(state, token).length > 0) refuse('SPECIAL_PROCEDURE_RUNNING', 'end the special procedure before completing the step');
}

function acceptAction(state: CaseState, token: Token): EdgeAction {
  const actions = taskActions(definitionOf(state), token.nodeId).filter((a) => a !== 'refuse' && a !== 'return');
  if (actions.includes('accept')) return 'accept';
  if (actions.length === 1 && actions[0]) return actions[0];
  return refuse('ACTION_NOT_ALLOWED', `the acceptance step offers ${actions.join(', ')}, not accept`);
}

function edgeOf(state: CaseState, token: Token, action: EdgeAction): ProcessEdge {
  const edge = edgeForAction(definitionOf(state), token.nodeId, action);
  if (edge) return edge;
  const offered = taskActions(definitionOf(state), token.nodeId);
  return refuse('ACTION_NOT_ALLOWED', `${token.nodeId} offers ${offered.join(', ') || 'no action'}, not ${action}`);
}

function returnEdge(state: CaseState, token: Token, returnTo: string | undefined): ProcessEdge {
  const returns = outgoingEdges(definitionOf(state), token.nodeId).filter((e) => e.action === 'return');
  if (returns.length === 0) refuse('ACTION_NOT_ALLOWED', `${token.nodeId} cannot return the case`);
  const edge = returnTo === undefined ? returns[0] : returns.find((e) => e.target === returnTo);
  if (!edge) refuse('RETURN_TARGET_NOT_ALLOWED', `${token.nodeId} may return only to ${returns.map((e) => e.target).join(', ')}`);
  return edge;
}

function refuseCase(state: CaseState, token: Token, reason: string, ctx: CommandContext): void {
  const refuseEdge = edgeForAction(definitionOf(state), token.nodeId, 'refuse');
  state.supplementNoticeResolvedAt ??= ctx.at;
  emit(state, 'stepCompleted', ctx.at, `${token.nodeId}: refuse (${reason})`, { nodeId: token.nodeId, ...actorOf(ctx), payload: { action: 'refuse', reason } });
  leaveTask(state, token, ctx.at);
  if (refuseEdge) takeEdge(state, refuseEdge, ctx.at);
  if (!state.concluded) conclude(state, 'refused', ctx.at, reason);
}

function completeTask(state: CaseState, token: Token, edge: ProcessEdge, action: EdgeAction, report: StepReport, ctx: CommandContext): void {
  const task = taskOf(state, token.nodeId) as TaskNode;
  const { item } = definitionOf(state);
  emit(state, 'stepCompleted', ctx.at, `${task.name}: ${action}`, {
    nodeId: token.nodeId, ...actorOf(ctx), payload: { action, stepKey: token.stepKey, target: edge.target, ...report },
  });
  if (report.feeCharged !== undefined && report.feeCharged !== item.fee.standard) {
    raiseAnomaly(state, 'fee-mismatch', ctx.at, `fee charged ${report.feeCharged} differs from the standard ${item.fee.standard}`, { nodeId: task.id, ...actorOf(ctx) });
  }
  const missing = action === 'return' ? [] : (task.riskPoint?.requiredDocuments ?? []).filter((d) => !(report.documents ?? []).includes(d));
  if (missing.length > 0) {
    raiseAnomaly(state, 'risk-documents-missing', ctx.at, `risk point (${task.riskPoint?.level}) completed without ${missing.join(', ')}`, { nodeId: task.id, ...actorOf(ctx) });
  }
  leaveTask(state, token, ctx.at);
  if (task.stage === 'accept' && state.acceptedAt === null) acceptCase(state, ctx);
  takeEdge(state, edge, ctx.at);
}

/** 受理: the processing clock starts and the supplement-notice clock stops. */
export function acceptCase(state: CaseState, ctx: CommandContext): void {
  state.acceptedAt = ctx.at;
  state.supplementNoticeResolvedAt ??= ctx.at;
  state.processing = startClock(ctx.at);
  emit(state, 'accepted', ctx.at, 'accepted (受理)', actorOf(ctx));
}
