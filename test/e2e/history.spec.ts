import { expect, test } from './fixture';
import { compose, openView, taskStatus } from './helpers';

test('history search and filters live in the URL and survive a reload', async ({
  appPage: page,
}) => {
  await compose(page, 'Find the opening hours of the Louvre');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Open the Louvre ticket page [fail:NAVIGATION_TIMEOUT]');
  await expect(taskStatus(page)).toHaveText('Failed', { timeout: 45_000 });
  await compose(page, 'Check the weather in Oslo');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });

  await openView(page, 'History');
  const list = page.getByRole('table', { name: 'History' }).getByRole('rowgroup').last();
  await expect(list.getByRole('row')).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search history' }).fill('louvre');
  await expect(list.getByRole('row')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(list.getByRole('row')).toHaveCount(1);
  await expect(list).toContainText('Open the Louvre ticket page');
  await expect(page).toHaveURL(/#\/history\?q=louvre&status=failed$/);

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search history' })).toHaveValue('louvre');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('failed');
  await expect(list.getByRole('row')).toHaveCount(1);
  await expect(list).toContainText('Open the Louvre ticket page');

  // Opening a row shows it in the inspector.
  await list.getByRole('button', { name: /Open the Louvre ticket page/ }).click();
  await expect(taskStatus(page)).toHaveText('Failed');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^webrun-desk-history-.*\.csv$/);

  // Back undoes the last filter (typing in the search box replaced its entry instead).
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('');
  await expect(page.getByRole('searchbox', { name: 'Search history' })).toHaveValue('louvre');
  await expect(list.getByRole('row')).toHaveCount(2);
});
