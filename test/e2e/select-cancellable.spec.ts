// Bug: "Select all cancellable" missed tasks that had just started (still being submitted, as
// WebRun holds run-task open for up to 50 s), and the core refused to cancel them.
import { expect, test } from './fixture';
import { compose, confirm, queueRow } from './helpers';

// At this scale WebRun's 50 s inline window holds each submission open for 15 s.
test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.3' } });

test('Select all cancellable takes every cancellable task, including those being submitted', async ({
  appPage: page,
}) => {
  const names = ['First long crawl', 'Second long crawl', 'Third long crawl'];
  for (const name of names) await compose(page, `${name} [duration:900s]`);
  for (const name of names) await expect(queueRow(page, name)).toContainText('Submitting');
  await page.getByRole('checkbox', { name: 'Select all cancellable' }).check();
  // Selected while still being submitted, not after they started running.
  for (const name of names) await expect(queueRow(page, name)).toContainText('Submitting');
  for (const name of names) await expect(queueRow(page, name).getByRole('checkbox')).toBeChecked();
  await page.getByRole('button', { name: 'Cancel selected (3)' }).click();
  await confirm(page, 'Cancel 3 tasks');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Cancelled 3 tasks',
    { timeout: 90_000 },
  );
  for (const name of names) await expect(queueRow(page, name)).toContainText('Cancelled');
});
