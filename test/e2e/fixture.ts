// The served app as a Playwright fixture, instead of each spec starting and stopping its own:
// `app` is `webrun-desk serve` on a history of its own in a temp folder (its URL, folder and
// database), and `appPage` is the test's page opened on it.
//
// One app serves all the tests of a spec file, as they build on each other (a file's tests run
// in order, in one worker); a describe block that asks for other settings
// (`test.use({ serveEnv })`) gets its own. An app is stopped, and its folder removed, as soon as
// its worker moves on to another file's (or block's) app, and at the latest when the worker
// ends. No two files share an app, so files run in parallel workers (playwright.config.ts).
import { test as base, type Page } from '@playwright/test';
import { serveApp, type Served } from './serve';

export { expect } from '@playwright/test';

interface AppOptions {
  /** Environment for `webrun-desk serve` beyond serve.ts's (a time scale, a balance, a key). */
  serveEnv: Record<string, string>;
}

interface AppFixtures {
  app: Served;
  appPage: Page;
}

/** The app this worker serves now, and the file and settings it was started for. */
interface Serving {
  current: { key: string; app: Served } | null;
}

export const test = base.extend<AppOptions & AppFixtures, { serving: Serving }>({
  serveEnv: [{}, { option: true }],
  serving: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const serving: Serving = { current: null };
      await use(serving);
      await serving.current?.app.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ serving, serveEnv }, use, testInfo) => {
    const key = `${testInfo.file}\n${JSON.stringify(serveEnv)}`;
    if (serving.current?.key !== key) {
      const previous = serving.current;
      serving.current = null;
      await previous?.app.stop();
      serving.current = { key, app: await serveApp(serveEnv) };
    }
    await use(serving.current.app);
  },
  appPage: async ({ app, page }, use) => {
    await page.goto(app.url);
    await use(page);
  },
});
