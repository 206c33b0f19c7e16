import { expect, test } from './fixture';
import { openView } from './helpers';

test('settings are saved, applied to the queue, and kept after a reload', async ({
  appPage: page,
}) => {
  await openView(page, 'Settings');
  await page.getByRole('textbox', { name: 'Tasks at once' }).fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText('Tasks at once must be');

  await page.getByRole('textbox', { name: 'Tasks at once' }).fill('2');
  await page.getByRole('textbox', { name: 'Daily cap (USD)' }).fill('5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Settings saved');
  await expect(page.getByText(/WEBRUN_API_KEY/).first()).toBeVisible();
  await expect(page.getByLabel('Database path')).toHaveText(/history\.db$/);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Tasks at once' })).toHaveValue('2');
  await expect(page.getByRole('textbox', { name: 'Daily cap (USD)' })).toHaveValue('5');
  await openView(page, 'Queue');
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('of 2');
  await openView(page, 'Spend');
  await expect(page.getByRole('group', { name: 'Today' })).toContainText('of $5.00 cap');
});

test('the theme choice is applied and remembered', async ({ appPage: page }) => {
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // "System" follows the OS, also when it changes while the app is open.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('backend settings ask for a restart; "Notify me when a task ends" is kept', async ({
  appPage: page,
}) => {
  await openView(page, 'Settings');
  await page.getByRole('checkbox', { name: 'Notify me when a task ends' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Settings saved');

  const backend = page.getByRole('form', { name: 'Backend settings' });
  await expect(backend.getByRole('status', { name: 'Backend restart needed' })).toHaveCount(0);
  await backend.getByRole('textbox', { name: 'Base URL' }).fill('ftp://webrun.example.com');
  await backend.getByRole('button', { name: 'Save backend settings' }).click();
  await expect(backend.getByRole('alert')).toContainText('http:// or https://');
  await backend.getByRole('textbox', { name: 'Base URL' }).fill('https://webrun.example.com');
  await backend.getByRole('combobox', { name: 'Protocol generation' }).selectOption('gen1');
  await backend.getByRole('button', { name: 'Save backend settings' }).click();
  await expect(backend.getByRole('status', { name: 'Backend restart needed' })).toContainText(
    'Restart to apply',
  );

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Notify me when a task ends' })).toBeChecked();
  await expect(backend.getByRole('textbox', { name: 'Base URL' })).toHaveValue(
    'https://webrun.example.com',
  );
  await expect(backend.getByRole('combobox', { name: 'Protocol generation' })).toHaveValue('gen1');
  await expect(backend.getByRole('status', { name: 'Backend restart needed' })).toBeVisible();
});
