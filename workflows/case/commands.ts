import type { Instant } from '../../domain/calendar/local-date';
import type { EdgeAction, SpecialProcedureKind } from '../../domain/definition/types';
import { caseRightsOf } from '../../domain/actor';
import { Refused } from '../shared/refusal';
import type { Actor, CaseStatus, RefusalCode, StepReport } from './contract';
import type { CaseState, Token } from './state';
import { taskOf } from './state';

/**
 * A clerk action or an ingested event, in one form. Native updates and tracked-mode
 * events both become commands, checked by the same rules; only native ones carry an
 * actor whose rights are checked.
 */
export type Command =
  | { type: 'accept'; report: StepReport }
  | { type: 'refuse'; reason: string }
  | { type: 'supplementNotice'; materials: string[]; reasonCode?: string; reason?: string }
  | { type: 'supplementReceived' }
  | { type: 'completeStep'; nodeId?: string; action: EdgeAction; returnTo?: string; report: StepReport }
  | { type: 'startSpecialProcedure'; kind: SpecialProcedureKind; limitDays?: number; nodeId?: string; reason: string; key?: string }
  | { type: 'endSpecialProcedure'; key?: string }
  | { type: 'suspend'; reason: string; reasonCode?: string }
  | { type: 'resume' }
  | { type: 'terminate'; reason: string }
  | { type: 'conclude'; nodeId?: string; action?: EdgeAction; report: StepReport }
  | { type: 'unlock'; reason: string }
  | { type: 'claim'; nodeId?: string }
  | { type: 'release'; nodeId?: string };

export interface CommandContext {
  /** Native actions: the actor whose rights are checked. Absent for tracked events. */
  actor?: Actor;
  actorId?: string;
  at: Instant;
}

export function refuse(code: RefusalCode, reason: string): never {
  throw new Refused<RefusalCode>({ code, reason });
}

/** The case's status as the read model and the query show it. */
export function statusOf(state: CaseState): CaseStatus {
  if (state.concluded) return 'concluded';
  if (state.suspended) return 'suspended';
  if (state.acceptedAt === null) return state.supplementPending ? 'awaiting-supplement' : 'submitted';
  if (state.supplementPending) return 'supplementing';
  if (state.specialProcedures.some((sp) => sp.endedAt === undefined)) return 'special-procedure';
  return 'processing';
}

/** Refuses unless the actor holds the task's position in its department. */
export function checkRights(state: CaseState, token: Token, actor: Actor | undefined): void {
  if (!actor) return;
  const task = taskOf(state, token.nodeId);
  if (!task) refuse('STEP_NOT_ACTIVE', `${token.nodeId} is not a task`);
  const { positions, departments } = caseRightsOf(actor);
  if (!positions.includes(task.role)) refuse('ROLE_NOT_ALLOWED', `${task.name} (${task.id}) needs the role ${task.role}`);
  if (!departments.includes(task.department)) {
    refuse('DEPARTMENT_NOT_ALLOWED', `${task.name} (${task.id}) belongs to the department ${task.department}`);
  }
}

/** Refuses unless the actor may act on at least one active task. */
export function checkRightsOnCase(state: CaseState, actor: Actor | undefined): void {
  if (!actor) return;
  const { positions, departments } = caseRightsOf(actor);
  const tasks = state.tokens.flatMap((t) => taskOf(state, t.nodeId) ?? []);
  if (tasks.some((t) => positions.includes(t.role) && departments.includes(t.department))) return;
  if (!tasks.some((t) => positions.includes(t.role))) refuse('ROLE_NOT_ALLOWED', `no active task takes any of the roles ${positions.join(', ') || '(none)'}`);
  refuse('DEPARTMENT_NOT_ALLOWED', `no active task belongs to the departments ${departments.join(', ') || '(none)'}`);
}

/** The active token an action names: by node id, or the only one. */
export function resolveToken(state: CaseState, nodeId: string | undefined, filter: (t: Token) => boolean = () => true): Token {
  const candidates = state.tokens.filter(filter);
  if (nodeId !== undefined) {
    const token = candidates.find((t) => t.nodeId === nodeId);
    if (!token) refuse('STEP_NOT_ACTIVE', `step ${nodeId} is not active now (active: ${activeList(state)})`);
    return token;
  }
  const [only, ...others] = candidates;
  if (!only) refuse('STEP_NOT_ACTIVE', `no such step is active now (active: ${activeList(state)})`);
  if (others.length > 0) refuse('STEP_AMBIGUOUS', `several steps are active (${activeList(state)}): name the nodeId`);
  return only;
}

function activeList(state: CaseState): string {
  return state.tokens.map((t) => t.nodeId).join(', ') || 'none';
}
