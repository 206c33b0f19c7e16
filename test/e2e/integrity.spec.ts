import { execFileSync } from 'node:child_process';
import { expect, test } from './fixture';
import { openView } from './helpers';

test('Settings shows the database check, and a check made by the CLI appears there', async ({
  app,
  appPage: page,
}) => {
  await openView(page, 'Settings');
  // A new database: the app checks it later, when idle, never while opening it.
  await expect(page.getByRole('status', { name: 'Database check' })).toHaveText(
    /^Not checked yet\. Next check when idle: never checked\.$/,
  );
  const out = execFileSync(process.execPath, ['bin/webrun-desk.mjs', 'check', '--db', app.db], {
    encoding: 'utf8',
    env: { ...process.env, WEBRUN_API_KEY: '' },
  });
  expect(out).toMatch(/: ok \(quick_check in \d+ ms\)/);
  await page.reload();
  await openView(page, 'Settings');
  await expect(page.getByRole('status', { name: 'Database check' })).toHaveText(
    /^No problems found \(checked .+, \d+ ms\)\.$/,
  );
});
