/**
 * The names records are written under: the event types the case, supervision-order and
 * complaint workflows record (readers name each one), and the supervision office's code.
 * Values, so that the workflows, the API and the web app share them without importing
 * each other.
 */

/** Every event type the case workflow records; `emit` takes no other, so readers can name each one. */
export const CASE_EVENT_TYPES = [
  'submitted', 'accepted', 'stepStarted', 'stepCompleted', 'parallelSplit', 'branchArrived', 'parallelJoined', 'choice',
  'supplementNotice', 'supplementReceived', 'specialProcedureStarted', 'specialProcedureEnded', 'suspended', 'resumed',
  'concluded', 'alert', 'anomaly', 'urge', 'supervisionOrder', 'calendarChanged', 'calendarRejected', 'externalEvent',
  'notificationFailed', 'locked', 'unlocked', 'thresholdsClosed', 'stepClaimed', 'stepReleased',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Every event type the supervision-order and complaint workflows record; the journal takes no other. */
export const OVERSIGHT_EVENT_TYPES = [
  'opened', 'answered', 'concluded', 'filed', 'transferred', 'responded', 'rated', 'ratingClosed',
  'alert', 'notice', 'calendarChanged', 'caseNotNotified', 'notificationFailed', 'asked', 'closed',
  'disposed', 'objected', 'objectionDecided', 'findingFinal',
] as const;
export type OversightEventType = (typeof OVERSIGHT_EVENT_TYPES)[number];

/** Department code of the supervision office (监察室); its leadership is the top of both ladders. */
export const SUPERVISION_OFFICE = 'supervision-office';

/**
 * Positions a department officer may hold to be reached as a tier of the escalation: the
 * department head first, then the department's leadership. A department that names nobody
 * in a tier reaches all its officers there.
 */
export const DEPARTMENT_HEAD = 'department-head';
export const DEPARTMENT_LEADERSHIP = 'department-leadership';
/** The position a department's supervision officers are addressed by (`officerOf`): the department's officers read it. */
export const OFFICER_POSITION = 'department-officer';

/** Who an alert or notice is for; the notifier resolves an audience to people. */
export type Audience =
  | { kind: 'assignee'; role: string; department: string }
  | { kind: 'department-head'; department: string }
  | { kind: 'department-leadership'; department: string }
  | { kind: 'supervision-office' };
