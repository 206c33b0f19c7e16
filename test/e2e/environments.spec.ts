// The Environments view as a person uses it: create, refuse a wrong archive before sending,
// upload a profile with a progress bar, see its files, delete it after a confirmation, and
// run a task in an environment picked in the composer. Screenshots at two sizes, both themes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import {
  compose,
  confirm,
  confirmation,
  detail,
  expectConfirmationKeeps,
  openView,
  taskStatus,
} from './helpers';

async function createEnvironment(page: Page, name: string, description = ''): Promise<void> {
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  if (description)
    await page.getByRole('textbox', { name: 'Description (optional)' }).fill(description);
  await page.getByRole('button', { name: 'Create environment' }).click();
  await expect(
    page.getByRole('table', { name: 'Environments' }).getByRole('row').filter({ hasText: name }),
  ).toHaveCount(1);
}

test('environments: create, refuse a wrong archive, upload with progress, files, delete after confirming', async ({
  appPage: page,
}) => {
  await openView(page, 'Environments');
  await expect(page.getByText(/No environments yet/)).toBeVisible();
  await createEnvironment(page, 'Work account', 'Logged into the CRM');
  const row = page
    .getByRole('table', { name: 'Environments' })
    .getByRole('row')
    .filter({ hasText: 'Work account' });
  await expect(row).toContainText('empty');
  await expect(row).toContainText('never');

  await row.getByLabel('Upload a profile archive to Work account').setInputFiles({
    name: 'profile.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('zip'),
  });
  await expect(page.getByRole('alert')).toContainText(
    'profile.zip is not a .tar.gz or .tgz archive',
  );
  await expect(row).toContainText('empty');

  const big = Buffer.alloc(12 * 1024 * 1024, 7);
  await row
    .getByLabel('Upload a profile archive to Work account')
    .setInputFiles({ name: 'chrome-profile.tar.gz', mimeType: 'application/gzip', buffer: big });
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Profile chrome-profile.tar.gz uploaded',
  );
  await expect(row).toContainText('ready');
  await expect(row).toContainText('12.0 MB');
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  await row.getByRole('button', { name: 'Files of Work account' }).click();
  await expect(page.getByText(/No files in this environment/)).toBeVisible();

  await createEnvironment(page, 'Shopping');
  // The shared confirmation: the safe choice has the focus, so Esc and Enter keep it.
  const remove = row.getByRole('button', { name: 'Delete Work account' });
  const dialog = await expectConfirmationKeeps(
    page,
    remove,
    'Delete “Work account”?',
    'saved logins, cookies and files are deleted',
  );
  await remove.click();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(1);
  await remove.click();
  await confirm(page, 'Delete environment');
  await expect(row).toHaveCount(0);
  await expect(
    page
      .getByRole('table', { name: 'Environments' })
      .getByRole('row')
      .filter({ hasText: 'Shopping' }),
  ).toHaveCount(1);
});

test('the composer picks an environment; the task records it and run again keeps it', async ({
  appPage: page,
}) => {
  await openView(page, 'Environments');
  await createEnvironment(page, 'Bank login');
  await openView(page, 'Queue');
  // A new environment has no saved profile yet, and says so.
  await page
    .getByRole('combobox', { name: 'Environment' })
    .selectOption({ label: 'Bank login (empty)' });
  await compose(page, 'Download my last statement [duration:5s]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(detail(page).getByLabel('Environment', { exact: true })).toHaveText('Bank login');

  await expect(detail(page).getByRole('combobox', { name: 'in environment' })).toHaveValue(
    /[a-f0-9]{24}/,
  );
  await detail(page).getByRole('button', { name: 'Run again with the same inputs' }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(detail(page).getByLabel('Environment', { exact: true })).toHaveText('Bank login');

  await openView(page, 'Environments');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Environments' })
      .getByRole('row')
      .filter({ hasText: 'Bank login' }),
  ).not.toContainText('never');
});

test('environments view screenshots at 1024×640 and 1400×900, light and dark', async ({
  appPage: page,
}) => {
  await openView(page, 'Environments');
  await createEnvironment(page, 'Screenshot profile', 'Logged into the invoices portal');
  for (const [width, height] of [
    [1024, 640],
    [1400, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({
        path: `test-results/screenshots/environments-${width}x${height}-${theme}.png`,
      });
      await page.getByRole('button', { name: 'Delete Screenshot profile' }).click();
      await expect(confirmation(page, 'Delete “Screenshot profile”?')).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/environments-delete-${width}x${height}-${theme}.png`,
      });
      await page.keyboard.press('Escape');
      await expect(page.getByRole('alertdialog')).toBeHidden();
    }
  }
});
