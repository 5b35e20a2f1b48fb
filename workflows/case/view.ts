import type { Instant } from '../../domain/calendar/local-date';
import type { Schedule } from '../../domain/ladder/types';
import type { ActiveTaskView, CaseView } from './contract';
import { isLocked } from '../../domain/ladder/lock';
import { statusOf } from './commands';
import type { CaseReadModel } from '../../activities/contract/case-records';
import { taskOf, type CaseState } from './state';

function positionOf(state: CaseState): ActiveTaskView[] {
  return state.tokens.flatMap((token) => {
    const task = taskOf(state, token.nodeId);
    if (!task) return [];
    const limitDays = task.stage === 'special' ? task.specialProcedure?.limitDays : task.stepLimitDays;
    return [{
      nodeId: token.nodeId, name: task.name, stage: task.stage, role: task.role, department: task.department,
      startedAt: token.startedAt, stepKey: token.stepKey,
      ...(limitDays !== undefined && { limitDays }),
      ...(token.branch && { branch: token.branch }),
      ...(token.claim && { claim: token.claim }),
    }];
  });
}

/** The answer of the `caseState` query. */
export function caseView(state: CaseState, schedule: Schedule): CaseView {
  const { input } = state;
  return {
    caseNo: input.caseNo,
    mode: input.mode,
    definitionRef: input.definitionRef,
    itemCode: input.definition.item.code,
    itemName: input.definition.item.name,
    department: input.definition.item.department,
    status: statusOf(state),
    outcome: state.concluded?.outcome ?? null,
    position: positionOf(state),
    submittedAt: input.submittedAt,
    acceptedAt: state.acceptedAt,
    concludedAt: state.concluded?.at ?? null,
    clocks: {
      processing: state.processing,
      supplementNotice: {
        startedAt: input.submittedAt,
        resolvedAt: state.supplementNoticeResolvedAt,
        limitDays: input.definition.item.supplementNoticeDays ?? 5,
      },
      specialProcedures: state.specialProcedures,
      workingDaysUsed: schedule.processing?.workingDaysUsed ?? null,
      workingDaysRemaining: schedule.processing?.workingDaysRemaining ?? null,
    },
    thresholds: schedule.thresholds,
    suspendedThresholds: schedule.suspended,
    next: schedule.next,
    alertLevel: alertLevelOf(state, schedule),
    deadline: schedule.deadline,
    statutoryDeadline: schedule.statutoryDeadline,
    provisional: schedule.provisional,
    provisionalYears: schedule.provisionalYears,
    alerts: state.alerts,
    anomalies: state.anomalies,
    notices: state.notices,
    history: state.history,
    historyCount: state.historyCount,
    run: state.run,
    ...(state.pauses && { pauses: state.pauses }),
    lock: state.lock ? { ...state.lock, locked: isLocked(state.lock, Date.now()) } : null,
  };
}

/**
 * The ladder's level: the highest card shown. A card once shown stays (a pause later does
 * not take it back); for a running case the schedule may show a higher one.
 */
export function alertLevelOf(state: CaseState, schedule: Schedule): CaseView['alertLevel'] {
  const shown = state.alerts.map((a) => a.level);
  const levels = ['normal', 'warning', 'yellow', 'red'] as const;
  const rank = (level: string) => levels.indexOf(level as (typeof levels)[number]);
  let best = rank(schedule.alertLevel);
  for (const level of shown) best = Math.max(best, rank(level));
  return levels[Math.max(best, 0)] ?? 'normal';
}

/** The read model written with every batch of events. */
export function readModelOf(state: CaseState, schedule: Schedule, now: Instant): CaseReadModel {
  const { input } = state;
  const { item } = input.definition;
  const concludedAt = state.concluded?.at ?? null;
  return {
    caseNo: input.caseNo,
    seq: state.seq,
    mode: input.mode,
    definitionId: input.definitionRef.id,
    definitionVersion: input.definitionRef.version,
    itemCode: item.code,
    itemName: item.name,
    category: item.category,
    department: item.department,
    applicantName: input.applicant.name,
    ...(input.queryCode !== undefined && { queryCode: input.queryCode }),
    status: statusOf(state),
    outcome: state.concluded?.outcome ?? null,
    alertLevel: alertLevelOf(state, schedule),
    position: positionOf(state).map(({ nodeId, name, department, role, startedAt }) => ({ nodeId, name, department, role, startedAt })),
    submittedAt: input.submittedAt,
    acceptedAt: state.acceptedAt,
    concludedAt,
    deadline: schedule.deadline,
    statutoryDeadline: schedule.statutoryDeadline,
    provisional: schedule.provisional,
    workingDaysUsed: schedule.processing?.workingDaysUsed ?? null,
    statutoryDays: item.statutoryLimit.value,
    onTime: concludedAt === null || state.acceptedAt === null ? null : schedule.deadline !== null && concludedAt <= schedule.deadline,
    anomalyCount: state.anomalies.length,
    alertCount: state.alerts.length,
    updatedAt: now,
  };
}
