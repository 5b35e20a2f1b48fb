import { oversightScope } from '../../domain/organisation/tree';

/** The roles of the platform's users (DESIGN.md §1). */
export const ROLES = ['administrator', 'clerk', 'supervisor', 'department-officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: taken from a verified token, never from the request body. */
export interface Principal {
  userId: string;
  username: string;
  name: string;
  roles: Role[];
  /** The department a clerk or department supervision officer belongs to. */
  department: string | null;
  /** Business positions (task `role` ids of definitions, e.g. 'acceptor', 'reviewer'). */
  positions: string[];
  /** Present and true until a generated first password is changed; only that change is allowed then. */
  mustChangePassword?: boolean;
  /**
   * The departments the user oversees, resolved from the department tree when the request is
   * authenticated (`oversightScope`); null is every department. Absent, it is taken from the
   * user's own department alone.
   */
  scope?: string[] | null;
}

/** An external approval system pushing case events, identified by its API key. */
export interface SystemPrincipal {
  systemId: string;
  name: string;
  /** Departments whose cases it may report. */
  departments: string[];
}

export function hasRole(user: Principal, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/**
 * Departments whose cases, alerts, orders, complaints, statistics and evaluations the user may
 * see (分级管理, the rule is `oversightScope`): null means every department.
 */
export function visibleDepartments(user: Principal): string[] | null {
  return user.scope !== undefined ? user.scope : oversightScope(user, []);
}

export function canSeeDepartment(user: Principal, department: string): boolean {
  const visible = visibleDepartments(user);
  return visible === null || visible.includes(department);
}
