// Queue hygiene (issue 25): a finished task leaves the queue on its own 15 minutes after it
// ends (the page's clock is moved on, not waited for), the queue says where it went, "Show
// finished" brings it back, History has it, and Settings can keep finished tasks for longer.
import { expect, test } from './fixture';
import { compose, openView, queueRow } from './helpers';

test('a finished task leaves the queue after 15 minutes, and comes back under Show: Finished', async ({
  app,
  page,
}) => {
  await page.clock.install();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await compose(page, 'Leaves on its own');
  await expect(queueRow(page, 'Leaves on its own')).toContainText('Completed', {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Waits while paused');
  // Fourteen minutes on: still there.
  await page.clock.fastForward('14:00');
  await expect(queueRow(page, 'Waits while paused')).toBeVisible();
  await expect(queueRow(page, 'Leaves on its own')).toBeVisible();
  // Past fifteen: gone from the queue, with a line saying where, while the waiting task stays.
  await page.clock.fastForward('01:05');
  await expect(queueRow(page, 'Leaves on its own')).toHaveCount(0);
  await expect(queueRow(page, 'Waits while paused')).toBeVisible();
  const note = page.getByLabel('Finished tasks out of the queue');
  await expect(note).toContainText(
    '1 finished task left the queue (1 finished over 15 minutes ago); they stay in History.',
  );

  for (const size of [
    { width: 1024, height: 640 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/queue-left-${size.width}-${theme}.png`,
      });
    }
  }

  await note.getByRole('button', { name: 'Show finished' }).click();
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('finished');
  await expect(queueRow(page, 'Leaves on its own')).toBeVisible();
  await page.getByRole('combobox', { name: 'Show' }).selectOption('All tasks');
  await expect(queueRow(page, 'Leaves on its own')).toHaveCount(0);
  await note.getByRole('button', { name: 'Open History' }).click();
  await expect(
    page.getByRole('table', { name: /history/i }).getByText('Leaves on its own'),
  ).toBeVisible();

  // Keep finished tasks until cleared: it is back in the queue at once, and after a reload.
  await openView(page, 'Settings');
  const leaveAfter = page.getByRole('combobox', { name: 'Finished tasks leave the queue after' });
  await expect(leaveAfter).toHaveValue('15');
  await leaveAfter.selectOption({ label: 'Never (until Clear finished)' });
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await leaveAfter.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/settings-leave-${size.width}-${theme}.png`,
      });
    }
  }
  await openView(page, 'Queue');
  await expect(queueRow(page, 'Leaves on its own')).toBeVisible();
  await page.reload();
  await expect(queueRow(page, 'Leaves on its own')).toBeVisible();
  await expect(page.getByLabel('Finished tasks out of the queue')).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume queue' }).click();
});
