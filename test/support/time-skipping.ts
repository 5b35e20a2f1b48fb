import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testServerPath } from '../../scripts/lib/embedded';
import { recordServer, recordingHistories } from '../workflows/histories/record';

/**
 * A time-skipping environment on Temporal's Java test server, started from the wrapper that
 * scripts/setup.sh installs (an `existing-path` server: the SDK's own download is not used).
 * Each call starts its own server, because time skipping is global to a server. When histories
 * are being recorded, the server's workflows are written out before it stops.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  if (!recordingHistories) return env;
  const teardown = env.teardown.bind(env);
  return Object.assign(env, { teardown: async () => { await recordServer(env); await teardown(); } });
}
