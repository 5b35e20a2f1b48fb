import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testServerPath } from '../../scripts/lib/embedded';

/**
 * A time-skipping environment on Temporal's Java test server, started from the wrapper that
 * scripts/setup.sh installs (an `existing-path` server: the SDK's own download is not used).
 * Each call starts its own server, because time skipping is global to a server.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
}
