import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';
import { MockActivityEnvironment } from '@temporalio/testing';
import { completeWhenWritten, LOCAL_WRITERS } from '../../activities/detach';
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

describe("a local activity (a timer's recording) takes a writer's turn", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('lets LOCAL_WRITERS write at once, the next when one only waits, and answers only once all is written', async () => {
    const env = new MockActivityEnvironment({ isLocal: true });
    const start = (n: number, finished: Promise<void>) => {
      const started: number[] = [];
      const releases: (() => void)[] = [];
      const runs = Array.from({ length: n }, (_, i) => env.run(() => completeWhenWritten(logger, async (release) => {
        started.push(i);
        releases.push(release);
        await finished;
        return i;
      })));
      return { started, releases, runs };
    };
    const written = gate<void>();
    const first = start(LOCAL_WRITERS + 1, written.promise);
    await tick();
    expect(first.started).toHaveLength(LOCAL_WRITERS);
    first.releases[0]?.();
    first.releases[0]?.(); // a second call gives nothing more back
    await tick();
    expect(first.started).toHaveLength(LOCAL_WRITERS + 1);
    let answered = false;
    void first.runs[0]?.then(() => (answered = true));
    await tick();
    expect(answered).toBe(false); // released, not yet written: no answer (nothing completes it later)
    written.open();
    expect(await Promise.all(first.runs)).toEqual([...Array(LOCAL_WRITERS + 1).keys()]);
    // Every turn is back, the released one and those given back at the end.
    const again = gate<void>();
    const second = start(LOCAL_WRITERS, again.promise);
    await tick();
    expect(second.started).toHaveLength(LOCAL_WRITERS);
    again.open();
    await Promise.all(second.runs);
  });

  it('gives the turn back when the recording fails', async () => {
    const env = new MockActivityEnvironment({ isLocal: true });
    const failures = Array.from({ length: LOCAL_WRITERS }, () => env.run(() => completeWhenWritten(logger, () => Promise.reject(new Error('FerretDB went away')))));
    await Promise.allSettled(failures);
    const ran = await within(env.run(() => completeWhenWritten(logger, () => Promise.resolve('after'))), 1_000);
    expect(ran).toBe(true);
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
