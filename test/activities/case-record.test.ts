import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { recordCaseEvents } from '../../activities/record';
import { alertModel } from '../../db/models/alert';
import { anomalyModel } from '../../db/models/anomaly';
import { caseModel } from '../../db/models/case';
import { caseEventModel } from '../../db/models/case-event';
import { caseRollupModel } from '../../db/models/case-rollup';
import { inboxMessageModel } from '../../db/models/inbox-message';
import * as c from '../../workflows/case/contract';
import type { CaseEventRecord, CaseReadModel, RecordBatch } from '../../activities/contract/case-records';
import { actOn, caseInput, clerk, connectDb, fixtureDefinition } from '../workflows/harness';

const at = Date.parse('2026-03-02T02:00:00Z');

function batch(caseNo: string, itemCode: string, seq = 5): RecordBatch {
  const event = (n: number, type: string, payload: Record<string, unknown> = {}): CaseEventRecord =>
    ({ id: `${caseNo}:${n}`, caseNo, seq: n, type, at: at + n, summary: type, payload });
  const readModel: CaseReadModel = {
    caseNo, seq, mode: 'native', definitionId: itemCode, definitionVersion: 1, itemCode, itemName: '许可', category: 'administrative-licence',
    department: 'health', applicantName: '申请人', status: 'concluded', outcome: 'approved', alertLevel: 'warning', position: [],
    submittedAt: at, acceptedAt: at + 2, concludedAt: at + 5, deadline: at + 10_000, statutoryDeadline: at + 20_000, provisional: false,
    workingDaysUsed: 3, onTime: true, anomalyCount: 1, alertCount: 1, updatedAt: at + 5,
  };
  return {
    readModel,
    events: [
      event(1, 'submitted'),
      event(2, 'accepted'),
      event(3, 'alert', { alert: {
        id: `${caseNo}:warning`, caseNo, itemCode, department: 'health', key: 'warning', kind: 'warning', level: 'warning', thresholdAt: at + 3,
        raisedAt: at + 3, provisional: false, reason: 'last day', audience: [{ kind: 'assignee', role: 'reviewer', department: 'health' }, { kind: 'department-head', department: 'health' }],
      } }),
      event(4, 'anomaly', { anomaly: { id: `${caseNo}:anomaly:1`, caseNo, itemCode, department: 'health', kind: 'fee-mismatch', at: at + 4, reason: 'fee' } }),
      event(5, 'concluded', { outcome: 'approved' }),
    ],
  };
}

describe('recording case events is idempotent', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(() => db?.close());

  it('writes each event, alert, inbox message, anomaly and counter once when retried after its writes', async () => {
    const caseNo = `R-${randomUUID().slice(0, 8)}`;
    const itemCode = `item-${caseNo}`;
    let failures = 1;
    const deps = { db, utcOffsetMinutes: 480, afterWrite: () => {
      if (failures-- > 0) throw new Error('worker lost after the write');
    } };
    await expect(recordCaseEvents(deps, batch(caseNo, itemCode))).rejects.toThrow('worker lost');
    await recordCaseEvents(deps, batch(caseNo, itemCode));
    await recordCaseEvents(deps, batch(caseNo, itemCode));
    expect(await caseEventModel(db).countDocuments({ caseNo })).toBe(5);
    expect(await alertModel(db).countDocuments({ caseNo })).toBe(1);
    expect(await inboxMessageModel(db).countDocuments({ caseNo })).toBe(2);
    expect(await anomalyModel(db).countDocuments({ caseNo })).toBe(1);
    const rollups = await caseRollupModel(db).find({ itemCode }).lean();
    expect(rollups).toHaveLength(1);
    expect(rollups[0]?.counts).toMatchObject({ submitted: 1, accepted: 1, warnings: 1, anomalies: 1, concluded: 1, approved: 1, concludedOnTime: 1 });
    const model = await caseModel(db).findById(caseNo).lean();
    expect(model).toMatchObject({ seq: 5, status: 'concluded', outcome: 'approved' });
  });

  it('never lets an older read model overwrite a newer one', async () => {
    const caseNo = `R-${randomUUID().slice(0, 8)}`;
    const deps = { db, utcOffsetMinutes: 480 };
    await recordCaseEvents(deps, { events: [], readModel: { ...batch(caseNo, 'x', 7).readModel, status: 'concluded' } });
    await recordCaseEvents(deps, { events: [], readModel: { ...batch(caseNo, 'x', 3).readModel, status: 'processing' } });
    expect(await caseModel(db).findById(caseNo).lean()).toMatchObject({ seq: 7, status: 'concluded' });
  });
});

describe('a case whose recording activity fails after writing (dev server)', () => {
  let connection: Connection;
  let native: NativeConnection;
  let db: mongoose.Connection;
  beforeAll(async () => {
    [connection, native, db] = await Promise.all([
      Connection.connect({ address: inject('temporalAddress') }), NativeConnection.connect({ address: inject('temporalAddress') }), connectDb(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([connection?.close(), native?.close(), db?.close()]);
  });

  it('is retried by Temporal and leaves one record of everything', async () => {
    const taskQueue = `record-${randomUUID()}`;
    let failures = 3;
    const worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') },
      activities: createActivities({
        db, logger: pino({ level: 'silent' }),
        afterWrite: () => {
          if (failures-- > 0) throw new Error('worker lost after the write');
        },
      }),
    });
    const base = fixtureDefinition('sequential-licence');
    const itemCode = `retry-${randomUUID().slice(0, 8)}`;
    const definition = { ...base, item: { ...base.item, code: itemCode } };
    const input = caseInput(definition, Date.now(), { caseNo: `R-${randomUUID().slice(0, 8)}` });
    const dept = base.item.department;
    await worker.runUntil(async () => {
      const handle = await new Client({ connection }).workflow.start(c.CASE_WORKFLOW_NAME, { taskQueue, workflowId: `case-${input.caseNo}`, args: [input] });
      const act = actOn(handle);
      await act(c.acceptUpdate, { actor: clerk('acceptor', dept) });
      await act(c.refuseUpdate, { actor: clerk('acceptor', dept), reason: 'x' }).catch(() => undefined);
      await act(c.terminateUpdate, { actor: clerk('undertaker', dept), reason: '撤回' });
      for (let i = 0; i < 100 && (await caseModel(db).findById(input.caseNo).lean())?.status !== 'concluded'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await handle.terminate();
    });
    expect(failures).toBeLessThan(0);
    const events = await caseEventModel(db).find({ caseNo: input.caseNo }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['submitted', 'accepted', 'concluded', 'anomaly']));
    const [rollup] = await caseRollupModel(db).find({ itemCode }).lean();
    expect(rollup?.counts).toMatchObject({ submitted: 1, accepted: 1, concluded: 1, terminated: 1, anomalies: 1 });
    expect(await anomalyModel(db).countDocuments({ caseNo: input.caseNo })).toBe(1);
  });
});
