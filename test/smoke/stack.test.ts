import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { smokeApproveUpdate, smokeStateQuery } from './smoke-workflow';

const DAY = 24 * 60 * 60 * 1000;

describe('Temporal dev server', () => {
  let connection: Connection;
  let native: NativeConnection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    native = await NativeConnection.connect({ address: inject('temporalAddress') });
  });
  afterAll(async () => {
    await connection?.close();
    await native?.close();
  });

  it('runs a workflow with a timer and an update, refusing an invalid update', async () => {
    const taskQueue = `smoke-${randomUUID()}`;
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    const client = new Client({ connection });
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start('smokeWorkflow', { taskQueue, workflowId: taskQueue, args: [60_000] });
      await expect(handle.executeUpdate(smokeApproveUpdate, { args: [''] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      expect(await handle.query(smokeStateQuery)).toBe('waiting');
      expect(await handle.executeUpdate(smokeApproveUpdate, { args: ['clerk-1'] })).toBe('approved by clerk-1');
      return handle.result();
    });
    expect(result).toEqual({ approvedBy: 'clerk-1', timedOut: false });
  });
});

describe('Temporal time-skipping test server', () => {
  it('finishes a 30-day timer in seconds of wall time', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const taskQueue = `smoke-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: inject('workflowBundlePath') },
      });
      const startedAt = await env.currentTimeMs();
      const wallStart = performance.now();
      const result = await worker.runUntil(
        env.client.workflow.execute('smokeWorkflow', { taskQueue, workflowId: taskQueue, args: [30 * DAY] }),
      );
      const wallMs = performance.now() - wallStart;
      const skippedMs = (await env.currentTimeMs()) - startedAt;
      expect(result).toEqual({ approvedBy: null, timedOut: true });
      expect(skippedMs).toBeGreaterThanOrEqual(30 * DAY);
      expect(wallMs).toBeLessThan(30_000);
    } finally {
      await env.teardown();
    }
  });
});

describe('MongoDB-compatible database', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri')).asPromise();
  });
  afterAll(() => db?.close());

  it('round-trips a Mongoose document with nested data, dates and a unique index', async () => {
    const schema = new mongoose.Schema({
      caseNo: { type: String, required: true, unique: true },
      department: String,
      acceptedAt: Date,
      clocks: { promisedDays: Number, paused: [{ reason: String, from: Date }] },
    });
    const Probe = db.model('SmokeProbe', schema);
    await Probe.init();
    const caseNo = `SMOKE-${randomUUID()}`;
    const acceptedAt = new Date('2026-09-30T01:30:00.000Z');
    await Probe.create({ caseNo, department: 'market', acceptedAt, clocks: { promisedDays: 10, paused: [{ reason: 'supplement', from: acceptedAt }] } });
    const found = await Probe.findOne({ caseNo }).lean();
    expect(found?.department).toBe('market');
    expect(found?.acceptedAt?.toISOString()).toBe(acceptedAt.toISOString());
    expect(found?.clocks?.paused?.[0]?.reason).toBe('supplement');
    await expect(Probe.create({ caseNo })).rejects.toMatchObject({ code: 11000 });
  });
});
