import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The crossread processes tests start (ingest, watch, worker) run at the test runner's
    // CPU priority, not the batch default of nice 10 (src/cli/priority.ts): on a busy
    // machine a lowered child could run into a test's timeout. test/cli/priority.test.ts
    // sets the variable itself.
    env: { CROSSREAD_NICE: '0' },
  },
});
