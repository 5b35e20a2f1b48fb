import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes are logged at INFO; a test run shows warnings and errors only.
Runtime.install({ logger: new DefaultLogger('WARN') });
