// Bulk actions name the count and what is lost before anything happens. Its own app: the
// sandbox keeps WebRun's 10 requests a minute, and the single-task tests spend them.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, confirmation, openView, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const notices = (page: Page) => page.getByRole('region', { name: 'Notifications' });
const queued = (page: Page) =>
  page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('listitem')
    .filter({ hasText: /Queued/ });

test('bulk cancel and history delete name the count and what is lost', async ({
  appPage: page,
}) => {
  await compose(page, 'Bulk running crawl [duration:300s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Bulk waiting one');
  await compose(page, 'Bulk waiting two');
  const selectAll = page.getByRole('checkbox', { name: 'Select all cancellable' });
  await selectAll.check();
  await page.getByRole('button', { name: 'Cancel selected (3)' }).click();
  const dialog = confirmation(page, 'Cancel 3 tasks?');
  await expect(dialog).toContainText('2 queued tasks are never sent.');
  await expect(dialog).toContainText(
    '1 task running at WebRun is stopped now; what it cost so far is kept.',
  );
  await dialog.getByRole('button', { name: 'Keep them' }).click();
  await expect(dialog).toBeHidden();
  await expect(queued(page)).toHaveCount(2);
  await expect(queueRow(page, 'Bulk running crawl')).toContainText('Running');

  await page.getByRole('button', { name: 'Cancel selected (3)' }).click();
  await confirm(page, 'Cancel 3 tasks');
  await expect(notices(page)).toContainText('Cancelled 3 tasks');
  await expect(queued(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume queue' }).click();

  await openView(page, 'History');
  const list = page.getByRole('table', { name: 'History' }).getByRole('rowgroup').last();
  await expect(list.getByRole('row')).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select all shown' }).check();
  await page.getByRole('button', { name: 'Delete selected (3)' }).click();
  const del = confirmation(page, 'Delete 3 tasks from the history?');
  await expect(del).toContainText('This cannot be undone.');
  await page.keyboard.press('Escape');
  await expect(del).toBeHidden();
  await expect(list.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete selected (3)' }).click();
  await confirm(page, 'Delete 3 tasks');
  await expect(page.getByRole('status', { name: 'Delete result' })).toContainText(
    'Deleted 3 tasks.',
  );
  await expect(list.getByRole('row')).toHaveCount(0);
});
