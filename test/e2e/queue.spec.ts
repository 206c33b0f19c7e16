import { expect, test } from './fixture';
import { compose, confirm, detail, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test('a paused queue holds new tasks until it is resumed', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('Paused');
  await compose(page, 'Wait in the paused queue');
  await expect(taskStatus(page)).toHaveText('Queued');
  // The desk says why it holds the task (no sleep to prove that nothing happened).
  await expect(detail(page).getByRole('status', { name: 'Why it waits' })).toContainText(
    'The queue is paused',
  );
  await page.getByRole('button', { name: 'Resume queue' }).click();
  await expect(page.getByRole('status', { name: 'Queue status' })).not.toContainText('Paused');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
});

test('a running task is cancelled, then retried', async ({ appPage: page }) => {
  await compose(page, 'Crawl the whole catalogue [duration:200s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  const row = queueRow(page, 'Crawl the whole catalogue');
  await row.getByRole('button', { name: 'Cancel' }).click();
  await confirm(page, 'Cancel task');
  await expect(row).toContainText('Cancelled', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(queueRow(page, 'Crawl the whole catalogue')).toHaveCount(2);
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 45_000 });
  await page
    .getByRole('region', { name: 'Task detail' })
    .getByRole('button', { name: 'Cancel task' })
    .click();
  await confirm(page, 'Cancel task');
  await expect(taskStatus(page)).toHaveText('Cancelled', { timeout: 30_000 });
});

test('queued tasks are reordered and cancelled in bulk', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Pause queue' }).click();
  for (const name of ['First queued', 'Second queued', 'Third queued']) await compose(page, name);
  const list = page.getByRole('list', { name: 'Tasks' });
  const queuedOrder = async () =>
    (
      await list
        .getByRole('listitem')
        .filter({ hasText: /Queued/ })
        .allTextContents()
    ).map((t) => /(\w+) queued/.exec(t)?.[1]);
  await expect.poll(queuedOrder).toEqual(['First', 'Second', 'Third']);
  // Never sent: the row has no cost to show (a dash), not an unknown one.
  await expect(queueRow(page, 'First queued')).toContainText('—');
  await expect(queueRow(page, 'First queued')).not.toContainText('unknown');
  await queueRow(page, 'Third queued').getByRole('button', { name: 'Move up' }).click();
  await expect.poll(queuedOrder).toEqual(['First', 'Third', 'Second']);
  await queueRow(page, 'First queued').getByRole('button', { name: 'Move down' }).click();
  await expect.poll(queuedOrder).toEqual(['Third', 'First', 'Second']);

  await page.getByRole('checkbox', { name: 'Select all cancellable' }).check();
  await page.getByRole('button', { name: 'Cancel selected (3)' }).click();
  await confirm(page, 'Cancel 3 tasks');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Cancelled 3 tasks',
  );
  await expect(list.getByRole('listitem').filter({ hasText: /Queued/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume queue' }).click();
});
