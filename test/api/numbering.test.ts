import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startUnderNewNumber } from '../../api/http/numbering';

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

  it('skips a number whose workflow already exists in Temporal (another database, or a restored one)', async () => {
    const series = `N${randomUUID().slice(0, 6)}`;
    const workflowId = (no: string) => `numbering-${no}`;
    const start = (no: string) =>
      client.workflow.start('smokeWorkflow', { workflowId: workflowId(no), taskQueue: `idle-${series}`, args: [60_000], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    // A workflow under the first number exists already, as if another database had issued it.
    const taken = await start(`${series}20261122000001`);
    const no = await startUnderNewNumber(db, { prefix: series, counter: 'test', day: '20261122' }, start);
    expect(no).toBe(`${series}20261122000002`);
    expect(await startUnderNewNumber(db, { prefix: series, counter: 'test', day: '20261122' }, start)).toBe(`${series}20261122000003`);
    for (const id of [taken.workflowId, workflowId(no), workflowId(`${series}20261122000003`)]) {
      await client.workflow.getHandle(id).terminate('test over');
    }
  });
});
