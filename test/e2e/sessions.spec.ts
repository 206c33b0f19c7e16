import { expect, test } from './fixture';
import { compose, confirm, openView, taskStatus } from './helpers';

test('a session kept open is listed with its age and estimated cost, and is terminated', async ({
  appPage: page,
}) => {
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('session');
  await page.getByRole('checkbox', { name: 'Keep the session open afterwards' }).check();
  await compose(page, 'Log in to the booking site and stay there');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });

  await openView(page, 'Sessions');
  const table = page.getByRole('table', { name: 'Sessions' });
  const open = table.getByRole('row').filter({ hasText: 'Kept open' });
  await expect(open).toHaveCount(1);
  await expect(open).toContainText('Open');
  await expect(open.getByRole('cell').nth(2)).toHaveText(/^(\d+(\.\d)? (ms|s)|\d+ min( \d+ s)?)$/);
  await expect(open.getByRole('cell').nth(3)).toHaveText(/^\$\d+\.\d+$/);

  await open.getByRole('button', { name: /^Terminate session / }).click();
  await confirm(page, 'Terminate session');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Session terminated',
  );
  await expect(open).toContainText('Ended');
  await expect(open.getByRole('button', { name: /^Terminate session / })).toHaveCount(0);
});
