/**
 * What the supervision log (监察日志) records: every action it takes and every kind of target,
 * one list each, so the API logs no other and the web app names each one.
 */

/** Every logged action, in the order the log page's filter offers them. */
export const SUPERVISION_LOG_ACTIONS = [
  'auth.sign-in', 'auth.password-changed', 'user.create', 'user.update', 'department.create', 'department.update',
  'external-system.register', 'external-system.rotate-key', 'definition.save-draft', 'definition.publish', 'calendar.publish-year',
  'calendar.import-year', 'calendar.adjust-day', 'calendar.remove-adjustment', 'case.urge', 'case.unlock', 'notice.issue',
  'alert.acknowledge', 'supervision-order.open', 'supervision-order.conclude', 'complaint.register', 'complaint.respond',
  'complaint.transfer', 'complaint.conclude', 'consultation.register', 'consultation.answer', 'consultation.publish-faq',
  'follow-up.close', 'anomaly.dispose', 'anomaly.object', 'anomaly.decide-objection', 'evaluation.start', 'evaluation.publish',
  'scoring-standard.create', 'appeal.upheld', 'appeal.rejected',
] as const;
export type SupervisionLogAction = (typeof SUPERVISION_LOG_ACTIONS)[number];

/** Every kind of record a logged action acts on. */
export const LOG_TARGET_KINDS = [
  'user', 'department', 'external-system', 'definition', 'calendar-year', 'calendar-day', 'case', 'alert', 'supervision-order',
  'complaint', 'consultation', 'follow-up', 'anomaly', 'evaluation', 'scoring-standard', 'appeal',
] as const;
export type LogTargetKind = (typeof LOG_TARGET_KINDS)[number];
