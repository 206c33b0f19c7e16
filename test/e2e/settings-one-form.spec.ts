// Bug: each "Save settings" added another copy of the Runner and Budgets sections, and a
// changed value was then reported saved and thrown away (a removed daily cap stayed in force).
import { expect, test } from './fixture';
import { callApi } from './api';
import { openView } from './helpers';

interface Settings {
  runner: { concurrency: number };
  budget: { dailyCap: number | null; monthlyCap: number | null };
}

test('saving settings again and again keeps one form, and what was saved is what the core uses', async ({
  app,
  appPage: page,
}) => {
  await openView(page, 'Settings');
  const runner = page.getByRole('group', { name: 'Runner' });
  const daily = page.getByRole('textbox', { name: 'Daily cap (USD)' });
  const save = page.getByRole('button', { name: 'Save settings' });
  const toasts = page.getByRole('region', { name: 'Notifications' });

  await daily.fill('5');
  await save.click();
  await expect(toasts).toContainText('Settings saved');
  await expect
    .poll(async () => (await callApi<Settings>(app, 'settings.get')).budget.dailyCap)
    .toBe(5);

  await page.getByRole('textbox', { name: 'Tasks at once' }).fill('3');
  await save.click();
  await expect
    .poll(async () => (await callApi<Settings>(app, 'settings.get')).runner.concurrency)
    .toBe(3);
  await expect(runner).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Budgets' })).toHaveCount(1);
  await expect(save).toHaveCount(1);

  // The removed cap is gone from the core, not just from the page.
  await daily.fill('');
  await save.click();
  await expect
    .poll(async () => (await callApi<Settings>(app, 'settings.get')).budget.dailyCap)
    .toBeNull();
  await expect(runner).toHaveCount(1);
  await expect(daily).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Tasks at once' })).toHaveValue('3');

  // The backend form is its own and survives the runner saves once too.
  await expect(page.getByRole('form', { name: 'Backend settings' })).toHaveCount(1);
  await page.reload();
  await expect(daily).toHaveValue('');
  await expect(runner).toHaveCount(1);
});
