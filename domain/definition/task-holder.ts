/** An active step as far as its assignment goes: the department and the position (task `role`) it is assigned to. */
export interface AssignedStep {
  department?: string | null;
  role?: string | null;
}

/** Whom a step may be taken by: a clerk of its department holding its position. */
export interface StepTaker {
  department: string | null;
  positions: readonly string[];
}

/**
 * Whether the user may take the step: the rule the case workflow applies to a clerk's action,
 * which the task list and the web app's buttons follow so that no one is offered what they
 * cannot do.
 */
export function holdsStep(step: AssignedStep, user: StepTaker): boolean {
  return user.department !== null && step.department === user.department && typeof step.role === 'string' && user.positions.includes(step.role);
}
