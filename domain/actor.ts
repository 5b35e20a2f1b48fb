/**
 * The acting user as every workflow's rules see it; the API fills it from the verified token.
 * A case's steps are assigned to business positions in departments; an order's or a
 * complaint's rules check platform roles in one department. One shape carries both.
 */
export interface Actor {
  userId: string;
  name?: string;
  /** Platform roles (supervisor, department-officer, …); `public` for a complainant. */
  roles: string[];
  /** Business positions: the task `role` ids of definitions (acceptor, reviewer, …). */
  positions: string[];
  department: string | null;
}

/**
 * The case actor before the shapes were one: `roles` held the positions. Recorded case
 * histories carry it, so the case still accepts it.
 */
export interface LegacyCaseActor {
  userId: string;
  name?: string;
  roles: string[];
  departments: string[];
}

/** The positions and departments a case checks a step against, from either shape. */
export function caseRightsOf(actor: Actor | LegacyCaseActor): { positions: string[]; departments: string[] } {
  if ('departments' in actor && Array.isArray(actor.departments)) return { positions: actor.roles, departments: actor.departments };
  const { positions, department } = actor as Actor;
  return { positions, departments: department === null ? [] : [department] };
}

/** Whether an update's actor has a shape the case understands (validators check untyped input). */
export function isCaseActor(actor: unknown): actor is Actor | LegacyCaseActor {
  if (!actor || typeof actor !== 'object') return false;
  const a = actor as Record<string, unknown>;
  if (typeof a.userId !== 'string' || !Array.isArray(a.roles)) return false;
  return Array.isArray(a.departments) || (Array.isArray(a.positions) && (a.department === null || typeof a.department === 'string'));
}
