import { defineConfig } from '@playwright/test';

// Debian's Chromium (see TOOLCHAIN.md); CHROMIUM_PATH overrides it where Playwright's own
// browser is installed instead.
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  // Safety nets, not measures: every assertion waits for what a person would see, and a busy
  // 2-core machine (a CPU hog beside the suite) takes several times longer than a quiet one.
  // One net for every test: the heaviest (axe over every view, light and dark, both sizes)
  // took 126 s at a load of 15 when some had their own 120-240 s; only queue-scale needs more.
  timeout: 600_000,
  expect: { timeout: 30_000 },
  // Two spec files at a time: each has its own served app and history (test/e2e/fixture.ts), so
  // no two share a database. A file's tests run in order in one worker, as they build on each
  // other. No retries: a failure is looked at, not run again until it passes.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
