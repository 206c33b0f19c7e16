import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs for `npm run test:mutation`: the unit tests of the pure decision
// modules it mutates (stryker.config.json). Only these, so each mutant takes a fraction of a
// second instead of the whole suite's minutes.
export default defineConfig({
  test: {
    include: [
      'test/unit/runner-policy.test.ts',
      'test/unit/error-policy.test.ts',
      'test/unit/outcome-plan.test.ts',
      'test/unit/normalise*.test.ts',
      'test/unit/origin.test.ts',
      'test/unit/task-status.test.ts',
      'test/unit/claim.test.ts',
    ],
    environment: 'node',
    setupFiles: ['test/setup/strict-timers.ts'],
    env: { WEBRUN_STRICT_TIMERS: '1' },
  },
});
