import type { Actor } from '../../domain/actor';
import type { Principal } from './principal';

/**
 * The acting user as every workflow's rules see it, always from the verified token: the
 * platform roles an order's or complaint's rules check and the positions a case's steps
 * are assigned to, in the user's department.
 */
export function actorOf(user: Principal): Actor {
  return { userId: user.userId, name: user.name, roles: [...user.roles], positions: [...user.positions], department: user.department };
}
