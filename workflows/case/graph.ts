import type { Instant } from '../../domain/calendar/local-date';
import { closePauses } from './pauses';
import { pauseClock, resumeClock, stopClock } from '../../domain/clock/transitions';
import {
  branchOf, choiceEdge, findNode, matchingJoin, outgoingEdges, splitOfJoin,
} from '../../domain/definition/graph/helpers';
import type { EndOutcome, ProcessEdge } from '../../domain/definition/types';
import type { AnomalyKind } from './contract';
import { raiseAnomaly } from './anomalies';
import { definitionOf, emit, taskOf, type CaseState, type Token } from './state';

/**
 * The graph interpreter: moves tokens along edges. Tasks hold a token until a clerk (or an
 * external event) completes them; starts, choices, splits and joins pass through at once;
 * an end concludes the case.
 */

const OUTCOME_ANOMALY: Partial<Record<EndOutcome, AnomalyKind>> = {
  refused: 'refused-at-acceptance',
  returned: 'returned',
  voided: 'voided',
  terminated: 'terminated',
};

/** Puts the first token on the graph: from the start node onwards. */
export function startGraph(state: CaseState, at: Instant): void {
  const start = definitionOf(state).nodes.find((node) => node.kind === 'start');
  if (!start) throw new Error('definition has no start node');
  follow(state, start.id, at);
}

/** Follows the single forward edge of a pass-through node. */
function follow(state: CaseState, nodeId: string, at: Instant): void {
  const edge = outgoingEdges(definitionOf(state), nodeId).find((e) => e.action !== 'return');
  if (edge) takeEdge(state, edge, at);
}

/** Moves along an edge into its target. */
export function takeEdge(state: CaseState, edge: ProcessEdge, at: Instant): void {
  if (state.concluded) return;
  const definition = definitionOf(state);
  const node = findNode(definition, edge.target);
  if (!node) throw new Error(`edge ${edge.id} leads to an unknown node ${edge.target}`);
  switch (node.kind) {
    case 'start':
      return;
    case 'task':
      enterTask(state, node.id, at);
      return;
    case 'choice': {
      const chosen = choiceEdge(definition, node.id, state.input.data);
      if (!chosen) {
        raiseAnomaly(state, 'integrity', at, `choice ${node.id} has no edge for the case data`, { nodeId: node.id });
        return;
      }
      emit(state, 'choice', at, `${node.name}: ${chosen.target}`, { nodeId: node.id, payload: { edgeId: chosen.id } });
      takeEdge(state, chosen, at);
      return;
    }
    case 'parallel-split':
      emit(state, 'parallelSplit', at, `${node.name}`, { nodeId: node.id });
      for (const branch of outgoingEdges(definition, node.id).filter((e) => e.action !== 'return')) takeEdge(state, branch, at);
      return;
    case 'parallel-join':
      arriveAtJoin(state, node.id, edge, at);
      return;
    case 'end':
      conclude(state, node.outcome, at, node.name);
      return;
  }
}

function arriveAtJoin(state: CaseState, joinId: string, edge: ProcessEdge, at: Instant): void {
  const definition = definitionOf(state);
  const splitId = splitOfJoin(definition, joinId);
  if (splitId === undefined) throw new Error(`join ${joinId} closes no split`);
  const source = branchOf(definition, edge.source);
  const branchEdge = edge.source === splitId ? edge.id : source?.joinId === joinId ? source.edgeId : edge.id;
  const arrived = state.joins[joinId] ?? [];
  if (!arrived.includes(branchEdge)) arrived.push(branchEdge);
  const branches = outgoingEdges(definition, splitId).filter((e) => e.action !== 'return').length;
  if (arrived.length < branches) {
    state.joins[joinId] = arrived;
    emit(state, 'branchArrived', at, `branch ${branchEdge} at ${joinId} (${arrived.length}/${branches})`, { nodeId: joinId });
    return;
  }
  delete state.joins[joinId];
  emit(state, 'parallelJoined', at, `all ${branches} branches joined`, { nodeId: joinId });
  if (matchingJoin(definition, splitId) !== joinId) throw new Error(`join ${joinId} does not match split ${splitId}`);
  follow(state, joinId, at);
}

/** A task becomes active: a token, a step with its limit, a special procedure for a special stage. */
function enterTask(state: CaseState, nodeId: string, at: Instant): void {
  const task = taskOf(state, nodeId);
  if (!task) return;
  const visit = (state.visits[nodeId] ?? 0) + 1;
  state.visits[nodeId] = visit;
  const stepKey = `${nodeId}#${visit}`;
  const token: Token = { nodeId, stepKey, startedAt: at };
  const branch = branchOf(definitionOf(state), nodeId);
  if (branch) token.branch = { splitId: branch.splitId, edgeId: branch.edgeId };
  state.tokens.push(token);
  if (task.stepLimitDays !== undefined && task.stage !== 'special') {
    state.steps.push({ key: stepKey, nodeId, startedAt: at, limitDays: task.stepLimitDays });
  }
  emit(state, 'stepStarted', at, `${task.name} started`, { nodeId, payload: { stepKey } });
  if (task.stage === 'special' && task.specialProcedure) {
    openSpecialProcedure(state, stepKey, task.specialProcedure.kind, task.specialProcedure.limitDays ?? task.stepLimitDays ?? 1, nodeId, at);
  }
}

/** Starts a special procedure: its own clock, and the processing clock pauses for it. */
export function openSpecialProcedure(state: CaseState, key: string, kind: string, limitDays: number, nodeId: string, at: Instant): void {
  state.specialProcedures.push({ key, kind, nodeId, startedAt: at, limitDays });
  if (state.processing.startedAt !== null && state.processing.stoppedAt === undefined) {
    state.processing = pauseClock(state.processing, 'special-procedure', at, key);
  }
  emit(state, 'specialProcedureStarted', at, `special procedure ${kind} (${limitDays} working days)`, { nodeId, payload: { key, kind, limitDays } });
}

/** Ends a special procedure and resumes the processing clock it paused. */
export function closeSpecialProcedure(state: CaseState, key: string, at: Instant): void {
  const procedure = state.specialProcedures.find((sp) => sp.key === key && sp.endedAt === undefined);
  if (!procedure) return;
  procedure.endedAt = at;
  if (state.processing.pauses.some((p) => p.reason === 'special-procedure' && p.ref === key && p.to === undefined)) {
    state.processing = resumeClock(state.processing, 'special-procedure', at, key);
  }
  emit(state, 'specialProcedureEnded', at, `special procedure ${procedure.kind} ended`, { ...(procedure.nodeId && { nodeId: procedure.nodeId }), payload: { key } });
}

/** Removes a task's token and closes its step (and its special stage). */
export function leaveTask(state: CaseState, token: Token, at: Instant): void {
  state.tokens = state.tokens.filter((t) => t !== token);
  const step = state.steps.find((s) => s.key === token.stepKey);
  if (step) step.completedAt = at;
  for (const sp of state.specialProcedures) if (sp.endedAt === undefined && (sp.key === token.stepKey || sp.key.startsWith(`${token.stepKey}:`))) closeSpecialProcedure(state, sp.key, at);
  state.steps = state.steps.filter((s) => s.completedAt === undefined);
}

/** Ends the case with an outcome: every clock stops, every token goes, an anomaly where the outcome calls for one. */
export function conclude(state: CaseState, outcome: EndOutcome, at: Instant, reason: string): void {
  if (state.concluded) return;
  for (const token of [...state.tokens]) leaveTask(state, token, at);
  for (const sp of state.specialProcedures) if (sp.endedAt === undefined) sp.endedAt = at;
  if (state.processing.startedAt !== null && state.processing.stoppedAt === undefined) {
    state.processing = stopClock(state.processing, at);
  }
  state.supplementPending = false;
  state.suspended = false;
  closePauses(state, ['suspension', 'supplement', 'one-time-notice'], at);
  state.supplementNoticeResolvedAt ??= at;
  state.concluded = { outcome, at };
  state.joins = {};
  emit(state, 'concluded', at, `concluded: ${outcome}`, { payload: { outcome, reason } });
  const anomaly = OUTCOME_ANOMALY[outcome];
  if (anomaly) raiseAnomaly(state, anomaly, at, reason);
}
