import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findCaseToAct } from '../../api/cases/access';
import type { ApiContext } from '../../api/context';
import type { Principal } from '../../api/http/principal';
import { applicationModel } from '../../db/models/application';

const clerkOf = (department: string): Principal => ({
  userId: `u-${department}`, username: `clerk-${department}`, name: '办事员', roles: ['clerk'], department, positions: ['acceptor'],
});

/**
 * Who may act on a case started a moment ago, before its first recording: the read model is
 * not there yet, so the API looks at the application (written before the workflow started)
 * and asks the workflow itself only when that does not settle it.
 */
describe('finding a case to act on before its read model is recorded', () => {
  let db: mongoose.Connection;
  const queried: string[] = [];
  let ctx: ApiContext;

  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/case-access-${randomUUID().slice(0, 8)}`)).asPromise();
    await applicationModel(db).create({
      _id: 'SL-NEW-1', itemCode: 'health-licence', definitionVersion: 1, department: 'health-commission', applicant: { name: '申请人' },
      data: '{}', materials: [], submittedAt: new Date(), registeredBy: 'u-health-commission', writtenBy: randomUUID(),
    });
    // The live view: the case's only active task is in the service hall, another department.
    const view = { department: 'health-commission', itemCode: 'health-licence', position: [{ nodeId: 'accept', department: 'service-hall' }] };
    const temporal = {
      withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
      workflow: {
        getHandle: (workflowId: string) => ({
          query: async () => {
            queried.push(workflowId);
            if (workflowId.endsWith('SL-NEW-1')) return view;
            throw new WorkflowNotFoundError('not found', workflowId, undefined);
          },
        }),
      },
    };
    ctx = { db, temporal, settings: { temporalTimeoutMs: 5_000 }, now: () => Date.now() } as unknown as ApiContext;
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
  });

  it('lets a clerk of the item\'s department act on the application alone, without a query', async () => {
    queried.length = 0;
    const ref = await findCaseToAct(ctx, 'SL-NEW-1', clerkOf('health-commission'));
    expect(ref).toMatchObject({ caseNo: 'SL-NEW-1', departments: ['health-commission'], doc: null, view: null, itemCode: 'health-licence' });
    expect(queried).toEqual([]);
  });

  it('asks the workflow for a clerk of another department, whose task it may be', async () => {
    queried.length = 0;
    const ref = await findCaseToAct(ctx, 'SL-NEW-1', clerkOf('service-hall'));
    expect(ref?.departments.sort()).toEqual(['health-commission', 'service-hall']);
    expect(queried).toHaveLength(1);
    const stranger = await findCaseToAct(ctx, 'SL-NEW-1', clerkOf('water-resources'));
    expect(stranger?.departments).not.toContain('water-resources');
  });

  it('finds nothing for a case with neither read model, application nor workflow', async () => {
    expect(await findCaseToAct(ctx, 'SL-NONE-1', clerkOf('health-commission'))).toBeNull();
  });
});
