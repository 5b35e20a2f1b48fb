import type { Instant } from '../calendar/local-date';

/** What the step history needs of a recorded case event. */
export interface StepEventLike {
  type: string;
  at: Instant;
  nodeId?: string | null;
  payload?: Record<string, unknown> | null;
}

/** One visit of a task: a step of the case, open while `endedAt` is null. */
export interface StepVisit {
  stepKey: string;
  nodeId: string;
  startedAt: Instant;
  endedAt: Instant | null;
}

/**
 * The steps a case went through, from its events in order: a step begins with `stepStarted`
 * and ends with its `stepCompleted` (matched by step key, else by task) or with the case's
 * conclusion, which ends every step still open. A completion with no step begun is left out.
 */
export function stepVisits(events: readonly StepEventLike[]): StepVisit[] {
  const visits: StepVisit[] = [];
  const open = () => visits.filter((v) => v.endedAt === null);
  for (const event of events) {
    const key = typeof event.payload?.['stepKey'] === 'string' ? event.payload['stepKey'] : undefined;
    if (event.type === 'stepStarted' && event.nodeId) {
      visits.push({ stepKey: key ?? `${event.nodeId}#${visits.filter((v) => v.nodeId === event.nodeId).length + 1}`, nodeId: event.nodeId, startedAt: event.at, endedAt: null });
    } else if (event.type === 'stepCompleted') {
      const visit = open().find((v) => (key === undefined ? v.nodeId === event.nodeId : v.stepKey === key));
      if (visit) visit.endedAt = event.at;
    } else if (event.type === 'concluded') {
      for (const visit of open()) visit.endedAt = event.at;
    }
  }
  return visits;
}
