import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';
import { completeWhenWritten } from '../../activities/detach';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { slotGoSignal } from '../support/slot-workflow';
import { connectDb } from '../workflows/harness';

const logger = pino({ level: 'silent' });

function gate<T>(): { promise: Promise<T>; open: (value: T) => void; fail: (error: Error) => void } {
  let open: (value: T) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('an activity that gives its slot back while its writes wait (dev server)', () => {
  let connection: Connection;
  let native: NativeConnection;
  beforeAll(async () => {
    [connection, native] = await Promise.all([Connection.connect({ address: inject('temporalAddress') }), NativeConnection.connect({ address: inject('temporalAddress') })]);
  });
  afterAll(async () => {
    await Promise.all([connection?.close(), native?.close()]);
  });

  async function run(finish: (written: ReturnType<typeof gate<string>>) => void) {
    const taskQueue = `slot-${randomUUID()}`;
    const heldRuns = gate<void>();
    const quickRan = gate<void>();
    const written = gate<string>();
    const worker = await Worker.create({
      connection: native, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') }, maxConcurrentActivityTaskExecutions: 1,
      activities: {
        held: () => completeWhenWritten(logger, async (release) => {
          heldRuns.open();
          release();
          return written.promise;
        }),
        quick: async () => {
          quickRan.open();
          return 'quick';
        },
      },
    });
    return worker.runUntil(async () => {
      const handle = await new Client({ connection }).workflow.start('slotWorkflow', { taskQueue, workflowId: taskQueue });
      await heldRuns.promise;
      await handle.signal(slotGoSignal);
      // One slot: the second activity runs only because the first gave its slot back.
      const quickBeforeWritten = await within(quickRan.promise, 15_000);
      finish(written);
      return { quickBeforeWritten, result: await handle.result().catch((error: unknown) => error) };
    });
  }

  it('lets another activity run meanwhile, and completes with its result once written', async () => {
    const { quickBeforeWritten, result } = await run((written) => written.open('written'));
    expect(quickBeforeWritten).toBe(true);
    expect(result).toEqual(['written', 'quick']);
  });

  it('fails the activity when its writes fail after it gave its slot back', async () => {
    const { quickBeforeWritten, result } = await run((written) => written.fail(new Error('FerretDB went away')));
    expect(quickBeforeWritten).toBe(true);
    expect(result).toBeInstanceOf(WorkflowFailedError);
    expect(String(((result as WorkflowFailedError).cause?.cause as Error | undefined)?.message)).toContain('FerretDB went away');
  });
});

describe('the recorder releases a timer batch once only the paced list writes are left', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(() => db?.close());

  const at = Date.parse('2026-03-02T02:00:00Z');
  function batch(caseNo: string, actorId?: string) {
    const readModel: CaseReadModel = {
      caseNo, seq: 1, mode: 'native', definitionId: 'x', definitionVersion: 1, itemCode: 'x', itemName: '许可', category: 'administrative-licence',
      department: 'health', applicantName: '申请人', status: 'processing', outcome: null, alertLevel: 'normal',
      position: [{ nodeId: 'review', name: '审核', department: 'health', role: 'reviewer', startedAt: at }],
      submittedAt: at, acceptedAt: at, concludedAt: null, deadline: at + 86_400_000, statutoryDeadline: at + 86_400_000 * 10, provisional: false,
      workingDaysUsed: null, onTime: null, anomalyCount: 0, alertCount: 0, updatedAt: at,
    };
    const event: CaseEventRecord = { id: `${caseNo}:1`, caseNo, seq: 1, type: 'submitted', at, summary: 'submitted', payload: {}, ...(actorId && { actorId }) };
    return { events: [event], readModel };
  }

  it('after the read model is written, for a timer batch only', async () => {
    const timerCase = `D-${randomUUID().slice(0, 8)}`;
    const seen: (number | undefined)[] = [];
    await recordCaseEvents({
      db, utcOffsetMinutes: 480,
      release: () => void caseModel(db).findById(timerCase).lean().then((doc) => seen.push(doc?.seq)),
    }, batch(timerCase));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([1]);

    const personCase = `D-${randomUUID().slice(0, 8)}`;
    let released = 0;
    await recordCaseEvents({ db, utcOffsetMinutes: 480, release: () => void released++ }, batch(personCase, 'clerk-1'));
    expect(released).toBe(0);
  });
});
