import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { historyFromText } from './histories/record';

const dir = join(import.meta.dirname, 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const typeOf = (file: string) => file.split('.')[1];

/**
 * Histories recorded from earlier versions of the workflows (test/workflows/histories) replay
 * on today's bundle without nondeterminism: cases, orders and complaints that are running
 * when a new version is deployed go on where they were.
 */
describe('recorded workflow histories', () => {
  it('cover every workflow type', () => {
    expect(new Set(files.map(typeOf))).toEqual(new Set([
      'caseWorkflow', 'supervisionOrderWorkflow', 'complaintWorkflow', 'evaluationWorkflow',
      'supervisionRemindersWorkflow', 'upwardExportWorkflow', 'consultationWorkflow', 'followUpWorkflow', 'anomalyWorkflow',
    ]));
  });

  it('replay on the current workflow code', async () => {
    const histories = files.map((file) => ({ workflowId: file, history: historyFromText(readFileSync(join(dir, file), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(files.length).toBeGreaterThan(0);
  }, 300_000);
});
