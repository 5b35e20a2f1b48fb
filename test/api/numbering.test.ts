import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startUnderNewNumber } from '../../api/http/numbering';
import { reservedNumbers } from '../../db/queries/numbering';

describe('numbers of cases, orders and complaints', () => {
  let db: mongoose.Connection;
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/numbering-${randomUUID().slice(0, 8)}`)).asPromise();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    await connection?.close();
  });

  const numbered = (workflowId: (no: string) => string, taskQueue: string) => ({
    answer: (no: string) => ({ no }),
    start: (no: string, memo: Record<string, unknown> | undefined) =>
      client.workflow.start('smokeWorkflow', {
        workflowId: workflowId(no), taskQueue, args: [60_000], workflowIdReusePolicy: 'REJECT_DUPLICATE', ...(memo && { memo }),
      }),
    memoOf: (no: string) => client.workflow.getHandle(workflowId(no)).describe().then((d) => d.memo),
  });

  it('skips a number whose workflow already exists in Temporal (another database, or a restored one)', async () => {
    const series = `N${randomUUID().slice(0, 6)}`;
    const workflowId = (no: string) => `numbering-${no}`;
    const how = numbered(workflowId, `idle-${series}`);
    // A workflow under the first number exists already, as if another database had issued it.
    const taken = await how.start(`${series}20261122000001`, undefined);
    const { no } = await startUnderNewNumber(db, { prefix: series, counter: 'test', day: '20261122' }, how);
    expect(no).toBe(`${series}20261122000002`);
    expect((await startUnderNewNumber(db, { prefix: series, counter: 'test', day: '20261122' }, how)).no).toBe(`${series}20261122000003`);
    // A claimed request skips it too: the workflow there names no request, or another one.
    const claimed = await startUnderNewNumber(db, { prefix: series, counter: 'claimed', day: '20261122' }, how, reservedNumbers(db, `r-${series}`, Date.now));
    expect(claimed.no).toBe(`${series}20261122000004`);
    for (const id of [taken.workflowId, workflowId(no), workflowId(`${series}20261122000003`), workflowId(claimed.no)]) {
      await client.workflow.getHandle(id).terminate('test over');
    }
  });

  it('gives the retries of one claimed request one number and one workflow, however they race', async () => {
    const series = `R${randomUUID().slice(0, 6)}`;
    const started: string[] = [];
    const base = numbered((no) => `numbering-${no}`, `idle-${series}`);
    const how = { ...base, start: async (no: string, memo: Record<string, unknown> | undefined) => {
      const handle = await base.start(no, memo);
      started.push(handle.workflowId);
      return handle;
    } };
    const sequence = { prefix: series, counter: 'race', day: '20261122' };
    const retries = await Promise.all([1, 2, 3].map(() => startUnderNewNumber(db, sequence, how, reservedNumbers(db, `request-${series}`, Date.now))));
    expect(new Set(retries.map((r) => r.no)).size).toBe(1);
    expect(started).toHaveLength(1);
    // A later retry (the first answer lost with its process) finds the same workflow and its answer.
    expect(await startUnderNewNumber(db, sequence, how, reservedNumbers(db, `request-${series}`, Date.now))).toEqual(retries[0]);
    expect(started).toHaveLength(1);
    await client.workflow.getHandle(started[0] as string).terminate('test over');
  });
});
