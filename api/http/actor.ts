import type { Actor as CaseActor } from '../../workflows/case/contract';
import type { OversightActor } from '../../workflows/shared/refusal';
import type { Principal } from './principal';

/**
 * The acting user as a workflow's rules see it, always from the verified token. A case's
 * steps are assigned to business positions in departments, so its actor's `roles` are the
 * user's positions; an order's or complaint's rules check platform roles in one department.
 */
export function actorOf(user: Principal, of: 'case'): CaseActor;
export function actorOf(user: Principal, of: 'oversight'): OversightActor;
export function actorOf(user: Principal, of: 'case' | 'oversight'): CaseActor | OversightActor {
  const who = { userId: user.userId, name: user.name };
  return of === 'case'
    ? { ...who, roles: [...user.positions], departments: user.department ? [user.department] : [] }
    : { ...who, roles: [...user.roles], department: user.department };
}
