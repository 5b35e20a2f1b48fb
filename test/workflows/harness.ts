import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import type { ProcessDefinition } from '../../domain/definition/types';
import { validateDefinition } from '../../domain/definition/validate';
import type { ActionBase, ActionResult, Actor, CaseStartInput } from '../../workflows/case/contract';
import { definitionFixtures, type DefinitionFixtureName } from '../fixtures/definitions';
import { registerSearchAttributes } from '../scenarios/support/search-attributes';
import { createTimeSkippingEnv } from '../support/time-skipping';

/** A time-skipping server ready for case workflows. */
export async function startCaseTestServer(): Promise<TestWorkflowEnvironment> {
  const env = await createTimeSkippingEnv();
  await registerSearchAttributes(env);
  return env;
}

/** A validated fixture definition. */
export function fixtureDefinition(name: DefinitionFixtureName): ProcessDefinition {
  const result = validateDefinition(definitionFixtures[name]);
  if (!result.ok || !result.definition) throw new Error(`fixture ${name} is invalid: ${JSON.stringify(result.errors)}`);
  return result.definition;
}

export function caseInput(definition: ProcessDefinition, submittedAt: number, overrides: Partial<CaseStartInput> = {}): CaseStartInput {
  return {
    caseNo: `T-${randomUUID().slice(0, 8)}`,
    mode: 'native',
    definitionRef: { id: definition.item.code, version: 1 },
    definition,
    calendar: defaultCalendar(),
    applicant: { name: '测试申请人' },
    data: {},
    submittedAt,
    ...overrides,
  };
}

/** A clerk holding one position in one department. */
export function clerk(position: string, department: string, userId = `${position}@${department}`): Actor {
  return { userId, roles: ['clerk'], positions: [position], department };
}

let keys = 0;
/** A fresh idempotency key. */
export function key(): string {
  keys += 1;
  return `k-${keys}-${randomUUID().slice(0, 8)}`;
}

/** A Mongoose connection to the test run's FerretDB. */
export function connectDb(): Promise<mongoose.Connection> {
  return mongoose.createConnection(inject('mongoUri')).asPromise();
}

/** A worker for the case workflow on its own task queue, with real activities. */
export async function caseWorker(
  env: TestWorkflowEnvironment,
  db: mongoose.Connection,
  extra: Partial<ActivityDeps> = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = `cases-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities({ db, logger: pino({ level: 'silent' }), ...extra }),
  });
  return { worker, taskQueue };
}

/** A time-skipping server, a database connection and a running worker with the real activities. */
export interface CaseWorkerStack {
  env: TestWorkflowEnvironment;
  db: mongoose.Connection;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Starts a {@link CaseWorkerStack}; `stop` shuts the worker down, then the connection and the server. */
export async function startCaseWorkerStack(): Promise<CaseWorkerStack> {
  const [env, db] = await Promise.all([startCaseTestServer(), connectDb()]);
  const { worker, taskQueue } = await caseWorker(env, db);
  const running = worker.run();
  return {
    env, db, taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await db.close();
      await env.teardown();
    },
  };
}

/** Runs clerk actions on a case with a fresh idempotency key unless one is given. */
export function actOn(handle: WorkflowHandle) {
  return <A extends ActionBase>(definition: UpdateDefinition<ActionResult, [A]>, args: Omit<A, 'idempotencyKey'> & { idempotencyKey?: string }) =>
    handle.executeUpdate(definition, { args: [{ idempotencyKey: key(), ...args } as A] });
}
