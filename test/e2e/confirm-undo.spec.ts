// Cancel, stop and bulk actions: what was never sent is done at once and can be undone for a
// few seconds; what WebRun already has asks first, names what is lost, and only goes on when
// the person chooses the confirm button (Esc, or Enter on the safe button, keeps things).
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, confirmation, detail, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const notices = (page: Page) => page.getByRole('region', { name: 'Notifications' });
const queued = (page: Page) =>
  page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('listitem')
    .filter({ hasText: /Queued/ });

test('a queued task is cancelled at once and Undo puts it back at its place, where it runs', async ({
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Undo first [duration:2s]');
  await compose(page, 'Undo second [duration:2s]');
  await expect(queued(page)).toHaveCount(2);

  await queueRow(page, 'Undo first').getByRole('button', { name: 'Cancel', exact: true }).click();
  // Nothing was sent, so nothing is asked: it is cancelled now, with an Undo.
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(queueRow(page, 'Undo first')).toContainText('Cancelled');
  const notice = notices(page)
    .getByRole('status')
    .filter({ hasText: 'Cancelled “Undo first [duration:2s]” before it was sent.' });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toHaveCount(0);
  await expect(queueRow(page, 'Undo first')).toContainText('Queued');
  await expect
    .poll(async () => (await queued(page).allTextContents()).map((t) => /Undo (\w+)/.exec(t)?.[1]))
    .toEqual(['first', 'second']);

  // Ctrl+Z inside a field is the field's own undo; outside one it undoes the cancel.
  await queueRow(page, 'Undo second').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(queueRow(page, 'Undo second')).toContainText('Cancelled');
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('still typing');
  await prompt.press('Control+z');
  await expect(notices(page).getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(queueRow(page, 'Undo second')).toContainText('Cancelled');
  await prompt.fill('');
  await page.getByRole('heading', { name: 'Queue' }).click();
  await page.keyboard.press('Control+z');
  await expect(queueRow(page, 'Undo second')).toContainText('Queued');

  await page.getByRole('button', { name: 'Resume queue' }).click();
  await expect(queueRow(page, 'Undo first')).toContainText('Completed', { timeout: 45_000 });
  await expect(queueRow(page, 'Undo second')).toContainText('Completed', { timeout: 45_000 });
});

test('without Undo the cancel stands once its notice has gone', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Dropped for good');
  await queueRow(page, 'Dropped for good')
    .getByRole('button', { name: 'Cancel', exact: true })
    .click();
  const notice = notices(page)
    .getByRole('status')
    .filter({ hasText: 'Cancelled “Dropped for good” before it was sent.' });
  await expect(notice).toBeVisible();
  await expect(notice).toHaveCount(0, { timeout: 45_000 });
  await page.reload();
  await expect(queueRow(page, 'Dropped for good')).toContainText('Cancelled');
  await page.getByRole('button', { name: 'Resume queue' }).click();
});

test('Stop asks first, names the cost kept, keeps the keyboard inside, and only the confirm button stops', async ({
  appPage: page,
}) => {
  await compose(page, 'Find flights from Paris to Lisbon next Friday [duration:300s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  const stop = detail(page).getByRole('button', { name: 'Stop', exact: true });
  await stop.click();
  const dialog = confirmation(page, 'Stop “Find flights from Paris to Lisbon next Friday […”?');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    /WebRun stops the agent now; the cost so far \((\$\d+\.\d+(, estimated)?|not known yet)\) is kept and the task cannot be resumed\./,
  );
  const keep = dialog.getByRole('button', { name: 'Keep running' });
  const confirmStop = dialog.getByRole('button', { name: 'Stop task' });
  await expect(keep).toBeFocused();
  // Tab stays inside the dialog.
  await page.keyboard.press('Tab');
  await expect(confirmStop).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirmStop).toBeFocused();
  // Esc keeps it running and gives the focus back to Stop.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(stop).toBeFocused();
  await expect(taskStatus(page)).toHaveText('Running');
  // Enter on the safe button keeps it running too.
  await page.keyboard.press('Enter');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Running');
  // Only the confirm button stops it.
  await stop.click();
  await page.keyboard.press('Tab');
  await expect(confirmStop).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Stopped', { timeout: 30_000 });
});

test('cancelling a running task from its row asks first; Keep running keeps it', async ({
  appPage: page,
}) => {
  await compose(page, 'Crawl every product page [duration:300s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  await queueRow(page, 'Crawl every product page')
    .getByRole('button', { name: 'Cancel', exact: true })
    .click();
  const dialog = confirmation(page, 'Cancel “Crawl every product page [duration:300s]”?');
  await expect(dialog).toContainText('WebRun stops the agent now');
  await dialog.getByRole('button', { name: 'Keep running' }).click();
  await expect(dialog).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Running');
  await detail(page).getByRole('button', { name: 'Cancel task' }).click();
  await confirm(page, 'Cancel task');
  await expect(taskStatus(page)).toHaveText('Cancelled', { timeout: 30_000 });
});
