import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Logger } from 'pino';
import {
  EVALUATION_SCHEDULE_IDS, EVALUATION_WORKFLOW_NAME, type EvaluationInput, type EvaluationPeriodKind,
} from '../../workflows/evaluation/contract';

export interface EvaluationScheduleSettings {
  taskQueue: string;
  /** IANA zone the schedule's calendar is read in; the work calendar's. */
  timeZone: string;
  utcOffsetMinutes: number;
}

const CALENDARS: Record<'month' | 'quarter', ScheduleOptions['spec']['calendars']> = {
  month: [{ dayOfMonth: 1, hour: 1, comment: '01:00 on the first day of every month: the month just ended' }],
  quarter: [{ month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 2, comment: '02:00 on the first day of a quarter: the quarter just ended' }],
};

function scheduleOptions(kind: 'month' | 'quarter', settings: EvaluationScheduleSettings): ScheduleOptions {
  const input: EvaluationInput = { periodKind: kind satisfies EvaluationPeriodKind, utcOffsetMinutes: settings.utcOffsetMinutes };
  return {
    scheduleId: EVALUATION_SCHEDULE_IDS[kind],
    spec: { calendars: CALENDARS[kind], timezone: settings.timeZone },
    action: {
      type: 'startWorkflow', workflowType: EVALUATION_WORKFLOW_NAME, taskQueue: settings.taskQueue, args: [input],
      workflowId: `${EVALUATION_SCHEDULE_IDS[kind]}-run`,
    },
    // A run missed while the cluster was down still happens within a day; two never overlap.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { purpose: `performance evaluation of every department, each ${kind}` },
  };
}

/**
 * Creates the monthly and quarterly evaluation Schedules, or brings existing ones up to the
 * current spec and action: safe to call at every start.
 */
export async function ensureEvaluationSchedules(client: Client, settings: EvaluationScheduleSettings, logger?: Logger): Promise<void> {
  for (const kind of ['month', 'quarter'] as const) {
    const options = scheduleOptions(kind, settings);
    try {
      await client.schedule.create(options);
      logger?.info({ scheduleId: options.scheduleId }, 'evaluation schedule created');
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous, spec: options.spec, action: options.action, policies: options.policies,
      }));
      logger?.info({ scheduleId: options.scheduleId }, 'evaluation schedule updated');
    }
  }
}
