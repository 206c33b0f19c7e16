import { expect, test } from './fixture';
import { compose, confirm, openView, taskStatus } from './helpers';

// A slower clock keeps one task running while the other is deleted.
test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test('selected history rows are deleted; a task still running is kept and named', async ({
  appPage: page,
}) => {
  await compose(page, 'Quick lookup [duration:2s]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Long crawl of the catalogue [duration:300s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });

  await openView(page, 'History');
  const list = page.getByRole('table', { name: 'History' }).getByRole('rowgroup').last();
  await expect(list.getByRole('row')).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  await confirm(page, 'Delete 2 tasks');
  const result = page.getByRole('status', { name: 'Delete result' });
  await expect(result).toContainText('Deleted 1 task.');
  await expect(result).toContainText('Skipped 1 still running');
  await expect(result).toContainText('Long crawl of the catalogue');
  await expect(list.getByRole('row')).toHaveCount(1);
  await expect(list).toContainText('Long crawl of the catalogue');

  await page.reload();
  await expect(list.getByRole('row')).toHaveCount(1);
  await openView(page, 'Queue');
  await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('list', { name: 'Tasks' }).getByRole('button', { name: 'Cancel' }).click();
  await confirm(page, 'Cancel task');
});
