import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/reliability/**/*.test.ts',
      'test/renderer/**/*.test.ts',
    ],
    environment: 'node',
    // The CLI tests run the bundled CLI; this keeps the bundle as fresh as the sources.
    globalSetup: ['test/build-cli.global.ts', 'test/setup/leftover-sandboxes.global.ts'],
    // Strict timers, and no TimeoutOverflowWarning anywhere (test/setup/strict-timers.ts).
    setupFiles: ['test/setup/strict-timers.ts'],
    // ...and every CLI a test spawns ends with exit 70 on such a warning (bin/webrun-desk.mjs).
    // A history's shared sandbox (a detached process) stops 2 s after its last process left,
    // so no test leaves one behind (core/shared-sandbox/host.ts).
    env: { WEBRUN_STRICT_TIMERS: '1', WEBRUN_SANDBOX_QUIET_MS: '2000' },
    // Safety nets, not measures: a test waits on events and states, and a busy 2-core machine
    // (another job beside the suite) can take several times longer than a quiet one to spawn
    // the CLI processes many integration tests run.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Integration tests open real SQLite files and real loopback servers; a fork per file
    // keeps native handles isolated.
    pool: 'forks',
  },
});
