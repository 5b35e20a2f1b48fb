import { defineConfig } from 'vitest/config';

/**
 * Two projects: `domain` is pure and needs no server (the test script runs it under three
 * time zones); `stack` runs against real servers started once by test/support/global-setup.ts.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'domain', include: ['test/domain/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/domain/**', 'test/faults/**'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-stack.ts'],
        },
      },
      {
        // Killed workers, stopped servers, failing endpoints, fuzzed bodies: minutes, not
        // seconds, so `npm run test:faults` runs them apart from `npm test`.
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 300_000,
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-stack.ts'],
        },
      },
    ],
  },
});
