import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { anomalyModel } from '../../db/models/anomaly';
import { caseRollupModel } from '../../db/models/case-rollup';
import type { WorkCalendar } from '../../domain/calendar/schema';
import {
  ANOMALY_WORKFLOW_NAME, anomalyStateQuery, decideObjectionUpdate, disposeAnomalyUpdate, objectAnomalyUpdate,
  type AnomalyResult, type AnomalyStartInput,
} from '../../workflows/anomaly/contract';
import { startDispositionClock } from '../../activities/oversight/disposition-clock';
import { startCaseWorkerStack, type CaseWorkerStack } from './harness';
import { DAY, HOUR, key, officer, pinnedWeek, refusalCode, supervisor } from './oversight-harness';

const dept = 'market-supervision';
const MINUTE = 60_000;

describe('anomaly disposition workflow on the time-skipping server', () => {
  let stack: CaseWorkerStack;
  let env: TestWorkflowEnvironment;
  let db: mongoose.Connection;
  let taskQueue: string;
  beforeAll(async () => {
    stack = await startCaseWorkerStack();
    ({ env, db, taskQueue } = stack);
  });
  afterAll(() => stack?.stop());

  const sleepUntil = async (at: number) => {
    const now = await env.currentTimeMs();
    if (at > now) await env.sleep(at - now);
  };

  async function raise(calendar: WorkCalendar, at: number, kind = 'fee-mismatch') {
    const input: AnomalyStartInput = {
      anomalyId: `SL-${randomUUID().slice(0, 8)}:anomaly:1`, caseNo: 'SL-1', itemCode: 'licence', department: dept, kind, at,
      reason: 'fee charged 20 differs from the standard 0', actorId: null, calendar, limits: { dispositionDays: 2, objectionDays: 2, decisionDays: 1 },
    };
    const handle = await env.client.workflow.start(ANOMALY_WORKFLOW_NAME, { taskQueue, workflowId: anomalyWorkflowId(input.anomalyId), args: [input] });
    return { input, handle };
  }

  it('reminds an open anomaly past its limit, takes one objection to a finding and counts the finding the supervisor upholds', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    const at = friday + 10 * HOUR;
    await sleepUntil(at);
    const { input, handle } = await raise(calendar, at);
    const due = friday + 6 * DAY; // Thursday 00:00: Tuesday and Wednesday (Monday a local holiday)
    expect(await handle.query(anomalyStateQuery)).toMatchObject({ status: 'open', dispositionDeadline: due, next: { key: 'dispositionOverdue', at: due } });

    expect(await refusalCode(handle.executeUpdate(disposeAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), outcome: 'explained', text: 'x' }] })))
      .toBe('ROLE_NOT_ALLOWED');
    expect(await refusalCode(handle.executeUpdate(disposeAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, outcome: 'confirmed', text: 'x' }] })))
      .toBe('INVALID_ARGUMENT');
    expect(await refusalCode(handle.executeUpdate(objectAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), grounds: 'x' }] })))
      .toBe('NOT_CONFIRMED');

    await sleepUntil(due - MINUTE);
    expect((await handle.query(anomalyStateQuery)).alerts).toEqual([]);
    await sleepUntil(due + MINUTE);
    expect((await handle.query(anomalyStateQuery)).alerts.map((a) => [a.key, a.level, a.thresholdAt])).toEqual([['dispositionOverdue', 'yellow', due]]);

    const confirm = { idempotencyKey: key(), actor: supervisor, outcome: 'confirmed' as const, text: 'charged without a basis', responsibility: { kind: 'department' as const, measure: '责令整改' } };
    const confirmed = await handle.executeUpdate(disposeAnomalyUpdate, { args: [confirm] });
    expect(await handle.executeUpdate(disposeAnomalyUpdate, { args: [confirm] })).toEqual(confirmed);
    expect(await refusalCode(handle.executeUpdate(disposeAnomalyUpdate, { args: [{ ...confirm, idempotencyKey: key() }] }))).toBe('ALREADY_CONCLUDED');
    const view = await handle.query(anomalyStateQuery);
    expect(view).toMatchObject({ status: 'confirmed', findingFinal: false, objectionClosesAt: friday + 11 * DAY }); // Friday and the Monday after: the finding's own day does not count

    expect(await refusalCode(handle.executeUpdate(objectAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: officer('tax-bureau'), grounds: 'x' }] })))
      .toBe('DEPARTMENT_NOT_ALLOWED');
    await handle.executeUpdate(objectAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), grounds: 'the fee is in the catalogue' }] });
    expect(await refusalCode(handle.executeUpdate(objectAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), grounds: 'again' }] })))
      .toBe('ALREADY_OBJECTED');
    expect(await refusalCode(handle.executeUpdate(decideObjectionUpdate, { args: [{ idempotencyKey: key(), actor: officer(dept), outcome: 'upheld', reason: 'x' }] })))
      .toBe('ROLE_NOT_ALLOWED');
    await handle.executeUpdate(decideObjectionUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, outcome: 'rejected', reason: 'the catalogue lists no fee' }] });

    expect(await handle.result()).toEqual({ anomalyId: input.anomalyId, status: 'confirmed', findingFinal: true } satisfies AnomalyResult);
    const doc = await anomalyModel(db).findById(input.anomalyId).lean();
    expect(doc).toMatchObject({ status: 'confirmed', findingFinal: true, handled: true, disposition: { outcome: 'confirmed' }, decision: { outcome: 'rejected' } });
    expect(await alertModel(db).exists({ _id: `${input.anomalyId}:dispositionOverdue`, level: 'yellow' })).toBeTruthy();
    const rows = await caseRollupModel(db).find({ department: dept, itemCode: 'licence' }).lean();
    expect(rows.reduce((n, r) => n + ((r.counts as Record<string, number> | undefined)?.['anomaliesConfirmedFee'] ?? 0), 0)).toBe(1);
  });

  it('ends with a finding that stands once the objection limit passes, and at once when explained', async () => {
    const { friday, calendar } = pinnedWeek(await env.currentTimeMs());
    await sleepUntil(friday + 10 * HOUR);
    const { handle } = await raise(calendar, friday + 10 * HOUR, 'outside-rights');
    await handle.executeUpdate(disposeAnomalyUpdate, {
      args: [{ idempotencyKey: key(), actor: supervisor, outcome: 'confirmed', text: 'acted on another department\'s case', responsibility: { kind: 'person', userId: 'clerk-9', measure: '提醒谈话' } }],
    });
    expect(await handle.result()).toMatchObject({ status: 'confirmed', findingFinal: true });
    expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(friday + 6 * DAY); // Tuesday and Wednesday after the Friday finding

    const explained = await raise(calendar, await env.currentTimeMs());
    await explained.handle.executeUpdate(disposeAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, outcome: 'explained', text: 'the applicant paid twice by mistake' }] });
    expect(await explained.handle.result()).toMatchObject({ status: 'explained', findingFinal: false });
  });

  it('starts the clock of an anomaly the case recorder meets, once however often it is recorded', async () => {
    const anomaly = { id: `SL-${randomUUID().slice(0, 8)}:anomaly:2`, caseNo: 'SL-2', itemCode: 'licence', department: dept, kind: 'risk-documents-missing' as const, at: await env.currentTimeMs(), reason: 'no documents' };
    const settings = { taskQueue, timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480, limits: { dispositionDays: 2, objectionDays: 2, decisionDays: 1 } };
    const activity = new MockActivityEnvironment({}, { client: env.client });
    await activity.run(() => startDispositionClock(db, settings, anomaly));
    await activity.run(() => startDispositionClock(db, settings, anomaly));
    const handle = env.client.workflow.getHandle(anomalyWorkflowId(anomaly.id));
    expect(await handle.query(anomalyStateQuery)).toMatchObject({ status: 'open', kind: 'risk-documents-missing', next: { key: 'dispositionOverdue' } });
    await handle.executeUpdate(disposeAnomalyUpdate, { args: [{ idempotencyKey: key(), actor: supervisor, outcome: 'dismissed', text: 'documents were filed on paper' }] });
    await handle.result();
    const { runId } = await handle.describe();
    // Ended: recording the anomaly again does not start a second clock.
    await activity.run(() => startDispositionClock(db, settings, anomaly));
    const after = await handle.describe();
    expect([after.runId, after.status.name]).toEqual([runId, 'COMPLETED']);
  });
});
