import type { Instant } from '../../domain/calendar/local-date';
import { limitsOf } from '../../domain/ladder/limits';
import { computeSchedule } from '../../domain/ladder/schedule';
import type { Schedule, Threshold } from '../../domain/ladder/types';
import type { AlertView } from './contract';
import type { AlertRecord, Audience } from '../../activities/contract/case-records';
import { pauseLimitsOf, pauseThresholds, withPauseThresholds } from '../../domain/ladder/pause-limits';
import { raiseAnomaly } from './anomalies';
import { holderFor } from './claims';
import { lockOnCard } from './lock';
import { PAUSE_LIMITS, RAISE_BEFORE_ACTION, follows, uses } from './rules';
import { emit, taskOf, type CaseState } from './state';

/** The schedule of the case at `now`, every instant computed by domain/. */
export function scheduleOf(state: CaseState, now: Instant): Schedule {
  const { item } = state.input.definition;
  const schedule = computeSchedule(
    {
      now,
      limits: limitsOf(item, state.input.options),
      submittedAt: state.input.submittedAt,
      ...(state.supplementNoticeResolvedAt !== null && { supplementNoticeResolvedAt: state.supplementNoticeResolvedAt }),
      processing: state.processing,
      steps: state.steps,
      specialProcedures: state.specialProcedures.map(({ key, kind, startedAt, limitDays, endedAt }) =>
        endedAt === undefined ? { key, kind, startedAt, limitDays } : { key, kind, startedAt, limitDays, endedAt }),
    },
    state.input.calendar,
  );
  if (!follows(state, PAUSE_LIMITS)) return schedule;
  return withPauseThresholds(schedule, pauseThresholds(state.pauses ?? [], pauseLimitsOf(item), state.input.calendar, now), now);
}

const LEVEL: Record<Threshold['kind'], AlertView['level']> = {
  warning: 'warning',
  yellowCard: 'yellow',
  redCard: 'red',
  stepReminder: 'step',
  stepOverdue: 'step',
  supplementNoticeOverdue: 'notice',
  specialProcedureOverdue: 'notice',
  pauseReminder: 'notice',
  pauseOverdue: 'notice',
  pauseFlag: 'notice',
};

/** Who hears of a threshold (DESIGN §3): the assignee first, then up the ladder. */
function audienceOf(state: CaseState, threshold: Threshold): Audience[] {
  const department = state.input.definition.item.department;
  const stepNode = threshold.kind.startsWith('step') || threshold.kind === 'specialProcedureOverdue' ? threshold.ref : undefined;
  const tasks = state.tokens
    .filter((t) => stepNode === undefined || t.nodeId === stepNode)
    .flatMap((t) => taskOf(state, t.nodeId) ?? []);
  const assignees: Audience[] = tasks.map((t) => ({ kind: 'assignee', role: t.role, department: t.department }));
  const heads: Audience[] = [...new Set([department, ...tasks.map((t) => t.department)])].map((d) => ({ kind: 'department-head', department: d }));
  switch (threshold.kind) {
    case 'warning':
    case 'stepOverdue':
    case 'specialProcedureOverdue':
      return [...assignees, ...heads];
    case 'stepReminder':
    case 'pauseReminder':
      return assignees;
    case 'pauseOverdue':
      return [...assignees, ...heads, { kind: 'supervision-office' }];
    case 'pauseFlag':
      return [{ kind: 'supervision-office' }, ...heads];
    case 'yellowCard':
    case 'supplementNoticeOverdue':
      return [...assignees, ...heads, { kind: 'supervision-office' }];
    case 'redCard':
      return [{ kind: 'supervision-office' }, { kind: 'department-leadership', department }, ...heads];
  }
}

const REASON: Record<Threshold['kind'], string> = {
  warning: 'last working day of the promised limit (预警)',
  yellowCard: 'overdue by one working day (黄牌)',
  redCard: 'still not concluded after the grace (红牌)',
  stepReminder: 'step near its limit',
  stepOverdue: 'step past its limit',
  supplementNoticeOverdue: 'supplement-notice limit passed (补交告知超期)',
  specialProcedureOverdue: 'special procedure past its own limit (特别程序超期)',
  pauseReminder: 'pause near its limit (中止/补正即将到期)',
  pauseOverdue: 'pause past its limit (中止/补正超期)',
  pauseFlag: 'pause longer than the supervision office allows unreviewed (长时间中止/补正)',
};

/**
 * Raises an alert for every threshold due by `until` (by default `now`) not yet alerted and
 * queues its notifications; `now` is when it is raised.
 */
export function fireDue(state: CaseState, schedule: Schedule, now: Instant, until: Instant = now): number {
  let raised = 0;
  for (const threshold of schedule.thresholds) {
    if (threshold.at > until || state.fired.includes(threshold.key)) continue;
    state.fired.push(threshold.key);
    const { caseNo, definition } = state.input;
    const id = `${caseNo}:${threshold.key}`;
    const view: AlertView = {
      id, key: threshold.key, kind: threshold.kind, level: LEVEL[threshold.kind], at: now,
      thresholdAt: threshold.at, provisional: threshold.provisional,
      ...(threshold.ref !== undefined && { ref: threshold.ref }),
    };
    state.alerts.push(view);
    const holder = holderFor(state, threshold.kind, threshold.ref, now);
    const record: AlertRecord = {
      id, caseNo, itemCode: definition.item.code, department: definition.item.department, key: threshold.key,
      kind: threshold.kind, level: view.level, thresholdAt: threshold.at, raisedAt: now, provisional: threshold.provisional,
      reason: REASON[threshold.kind], audience: audienceOf(state, threshold),
      ...(threshold.ref !== undefined && { ref: threshold.ref }),
      ...(holder !== undefined && { holder }),
    };
    const event = emit(state, 'alert', now, `${threshold.key}: ${record.reason}`, { payload: { alert: record } });
    state.pendingDeliveries.push({ alert: record, seq: event.seq });
    lockOnCard(state, threshold.kind, now);
    if (threshold.kind === 'pauseOverdue') raiseAnomaly(state, 'pause-overdue', now, `${threshold.key}: ${record.reason}`);
    if (threshold.kind === 'pauseFlag') raiseAnomaly(state, 'long-pause', now, `${threshold.key}: ${record.reason}`);
    raised += 1;
  }
  return raised;
}

/**
 * Raises, before an action at `at` is applied, every threshold that fell due by then. An
 * action can take thresholds away (a completed step its step thresholds, the acceptance the
 * supplement-notice limit), and the main loop raises a threshold only when it wakes: a signal
 * buffered with the start, or an update in the same workflow task as the threshold's timer,
 * reaches the handler first. Without this, whether a passed threshold is alerted would depend
 * on that timing, and a late report of two events together would earn no alert at all.
 * Histories written before the rule replay without it (a case started before it asks its
 * `patched` id only when something is due, so the marker is written only by a run it changes).
 */
export function fireDueBefore(state: CaseState, at: Instant): number {
  const now = Date.now();
  const until = Math.min(at, now);
  const schedule = scheduleOf(state, until);
  const due = schedule.thresholds.some((t) => t.at <= until && !state.fired.includes(t.key));
  if (!due || !uses(state, RAISE_BEFORE_ACTION)) return 0;
  return fireDue(state, schedule, now, until);
}

/** The first threshold still to alert, after `now`: the one timer the case needs. */
export function nextToFire(state: CaseState, schedule: Schedule, now: Instant): Threshold | null {
  return schedule.thresholds.find((t) => t.at > now && !state.fired.includes(t.key)) ?? null;
}
