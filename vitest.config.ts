import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/reliability/**/*.test.ts',
    ],
    environment: 'node',
    // The CLI tests run the bundled CLI; this keeps the bundle as fresh as the sources.
    globalSetup: ['test/build-cli.global.ts'],
    // Strict timers, and no TimeoutOverflowWarning anywhere (test/setup/strict-timers.ts).
    setupFiles: ['test/setup/strict-timers.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests open real SQLite files and real loopback servers; a fork per file
    // keeps native handles isolated.
    pool: 'forks',
  },
});
