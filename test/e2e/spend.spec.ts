import { spawnSync } from 'node:child_process';
import { expect, test } from './fixture';
import { formatUsd } from '../../src-main/contract/money-format';
import { compose, openView, taskStatus } from './helpers';

/** `webrun-desk spend --json` for the app's database; a CLI that fails fails the test, with its words. */
function cliSpend(db: string): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['bin/webrun-desk.mjs', 'spend', '--json', '--db', db], {
    encoding: 'utf8',
    env: { ...process.env, WEBRUN_API_KEY: '' },
  });
  if (run.status !== 0)
    throw new Error(
      `webrun-desk spend --json failed (exit ${run.status}): ${run.stderr || run.error?.message}`,
    );
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function amount(summary: Record<string, unknown>, key: 'today' | 'week' | 'month'): number {
  const budget = (summary.budget ?? {}) as Record<string, unknown>;
  return Number(summary[key] ?? budget[key]);
}

test('spend numbers equal the CLI’s for the same database', async ({ app, appPage: page }) => {
  await compose(page, 'Price check for the spend report [cost:0.25]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Second priced task [cost:0.5]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });

  const cli = cliSpend(app.db);
  await openView(page, 'Spend');
  await expect(page.getByTestId('spend-today')).toHaveText(formatUsd(amount(cli, 'today')));
  await expect(page.getByTestId('spend-this-week')).toHaveText(formatUsd(amount(cli, 'week')));
  await expect(page.getByTestId('spend-this-month')).toHaveText(formatUsd(amount(cli, 'month')));
});

test('the spend view shows totals, the daily chart and the breakdowns', async ({
  appPage: page,
}) => {
  await openView(page, 'Spend');
  await expect(page.getByTestId('spend-today')).toHaveText('$0.75');
  await expect(page.getByRole('img', { name: /Daily spend/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Top tasks by cost' }).getByRole('row')).toHaveCount(
    3,
  );
  await expect(page.getByRole('table', { name: 'By status' })).toContainText('completed');
  await expect(page.getByRole('group', { name: 'Month-end forecast' })).toBeVisible();
});
