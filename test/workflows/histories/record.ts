import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { expect } from 'vitest';

/**
 * Records the histories the workflow tests produce, as fixtures for test/workflows/replay.test.ts:
 * running cases must keep replaying on every later version of the workflow code. Off unless
 * RECORD_HISTORIES is set; see README ("Replaying recorded histories") for the command.
 */
export const recordingHistories = Boolean(process.env['RECORD_HISTORIES']);

const DIR = import.meta.dirname;

const written = new Map<string, number>();

type Execution = temporal.api.workflow.v1.IWorkflowExecutionInfo;
const { History } = temporal.api.history.v1;

/*
 * The SDK's historyToJSON/historyFromJSON fail on this install (its protobufjs JSON extension is
 * another major version than the proto root's), so a history is kept as protobufjs's own JSON
 * form: 64-bit integers and enums as strings, bytes as base64, timestamps as { seconds, nanos }.
 */
export function historyToText(history: temporal.api.history.v1.IHistory): string {
  return `${JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1)}\n`;
}

export function historyFromText(text: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text) as Record<string, unknown>);
}

/** The test file that is running, and the scenario when a scenario's server stops, as a file-name prefix. */
function label(): string {
  const { testPath, currentTestName } = expect.getState();
  const file = testPath ? basename(testPath).replace(/\.test\.tsx?$/, '') : 'unknown';
  const scenario = /([\w-]+)\.yaml$/.exec(currentTestName ?? '')?.[1];
  return scenario ? `${file}-${scenario}` : file;
}

/** Writes one run's history as `<test file>.<workflow type>.<n>.json`; answers the next run, if it continued as new. */
async function writeRun(client: Client, workflowId: string, runId: string): Promise<string | undefined> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const type = events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'workflow';
  const prefix = `${label()}.${type}`;
  const n = (written.get(prefix) ?? 0) + 1;
  written.set(prefix, n);
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, `${prefix}.${n}.json`), historyToText(history));
  return events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
}

/** Every run of one workflow from `firstRunId` (else its latest run) on, following continue-as-new. */
export async function recordWorkflow(client: Client, workflowId: string, firstRunId?: string): Promise<void> {
  if (!recordingHistories) return;
  let runId: string | undefined = firstRunId ?? (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) runId = await writeRun(client, workflowId, runId);
}

/** Every run of every workflow a time-skipping server holds (its own, so all of them belong to the test). */
export async function recordServer(env: TestWorkflowEnvironment): Promise<void> {
  if (!recordingHistories) return;
  const runs = await listRuns(env.client);
  // Each run is listed on its own, so continue-as-new chains are not followed here.
  for (const run of runs) await writeRun(env.client, run.execution?.workflowId ?? '', run.execution?.runId ?? '');
}

async function listRuns(client: Client): Promise<Execution[]> {
  const service = client.workflowService;
  const namespace = client.options.namespace;
  const startTimeFilter = { earliestTime: msToTs(0), latestTime: msToTs(4_000_000_000_000) };
  const all: Execution[] = [];
  type Page = { executions?: Execution[] | null; nextPageToken?: Uint8Array | null };
  const pages: ((token?: Uint8Array) => Promise<Page>)[] = [
    (nextPageToken?: Uint8Array) => service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000, startTimeFilter, nextPageToken }),
    (nextPageToken?: Uint8Array) => service.listClosedWorkflowExecutions({ namespace, maximumPageSize: 1000, startTimeFilter, nextPageToken }),
  ];
  for (const list of pages) {
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await list(nextPageToken);
      all.push(...(page.executions ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  const seconds = (e: Execution) => Number(e.startTime?.seconds ?? 0) * 1e9 + (e.startTime?.nanos ?? 0);
  return all.sort((a, b) => seconds(a) - seconds(b));
}
