import { expect, test } from './fixture';
import { openView, taskStatus } from './helpers';

const PASSWORD = 'pw-e2e-DO-NOT-SHOW-42';

test('site credentials are saved write-only and sent with a task for the starting URL’s domain', async ({
  appPage: page,
}) => {
  await openView(page, 'Settings');
  const form = page.getByRole('form', { name: 'Add site credentials' });
  await form.getByRole('textbox', { name: 'Site' }).fill('example.com');
  await form.getByLabel('Value 1').fill('me@example.com');
  await form.getByLabel('Value 2').fill(PASSWORD);
  await form.getByRole('button', { name: 'Save credentials' }).click();
  const sites = page.getByRole('list', { name: 'Sites with saved credentials' });
  await expect(sites.getByRole('listitem')).toHaveText(['example.comDelete']);
  await expect(form.getByLabel('Value 2')).toHaveValue('');
  expect(await page.content()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain('me@example.com');

  await openView(page, 'Queue');
  const picker = page.getByRole('group', { name: 'Saved credentials to send' });
  await expect(picker.getByRole('checkbox', { name: 'example.com' })).not.toBeChecked();
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Check my order status');
  await page
    .getByRole('textbox', { name: 'Starting URL (optional)' })
    .fill('https://www.example.com/account');
  await expect(picker.getByRole('checkbox', { name: 'example.com' })).toBeChecked();

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/tasks.create'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  expect(JSON.parse((await sent).postData() ?? '{}')).toMatchObject({
    credentials: ['example.com'],
  });
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(picker.getByRole('checkbox', { name: 'example.com' })).not.toBeChecked();

  await openView(page, 'Settings');
  await sites.getByRole('button', { name: 'Delete credentials for example.com' }).click();
  await expect(page.getByText('No saved credentials.')).toBeVisible();
});
