import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openView } from './helpers';
import { serveApp, type Served } from './serve';

let app: Served;
test.beforeAll(async () => {
  app = await serveApp();
});
test.afterAll(async () => {
  await app.stop();
});

test('Settings shows the database check, and a check made by the CLI appears there', async ({
  page,
}) => {
  await page.goto(app.url);
  await openView(page, 'Settings');
  // A new database: the app checks it later, when idle, never while opening it.
  await expect(page.getByRole('status', { name: 'Database check' })).toHaveText(
    /^Not checked yet\. Next check when idle: never checked\.$/,
  );
  const out = execFileSync(
    process.execPath,
    ['bin/webrun-desk.mjs', 'check', '--db', join(app.dir, 'history.db')],
    { encoding: 'utf8', env: { ...process.env, WEBRUN_API_KEY: '' } },
  );
  expect(out).toMatch(/: ok \(quick_check in \d+ ms\)/);
  await page.reload();
  await openView(page, 'Settings');
  await expect(page.getByRole('status', { name: 'Database check' })).toHaveText(
    /^No problems found \(checked .+, \d+ ms\)\.$/,
  );
});
