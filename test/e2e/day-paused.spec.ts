// Issue 25.3 and the sandbox line of 25.9: a paused queue shows on every view and in the
// window title, with a way out; the sandbox notice is one line in a landmark and can go.
import { expect, test } from './fixture';
import { openView } from './helpers';

test('a paused queue is announced on every view and in the title, and resumes from there', async ({
  appPage: page,
}) => {
  const banner = page.getByRole('status', { name: 'Queue paused' });
  await expect(page.getByRole('status', { name: 'Queue status' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveTitle('WebRun Desk');
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await expect(banner).toContainText('The queue is paused');
  await expect(page).toHaveTitle(/Queue paused/);
  for (const view of ['History', 'Spend', 'Sessions', 'Schedules', 'Settings'] as const) {
    await openView(page, view);
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('0 waiting');
  }
  await page.reload();
  await expect(banner).toBeVisible();
  await expect(page).toHaveTitle(/Queue paused/);
  // It sits inside a landmark, and Resume works from any view.
  await expect(page.getByRole('region', { name: 'Notices' }).getByRole('status')).toHaveCount(1);
  await banner.getByRole('button', { name: 'Resume queue' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveTitle('WebRun Desk');
});

test('the sandbox notice is one line at 1024 px, in a landmark, and can be dismissed for this window', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(app.url);
  const notice = page.getByRole('region', { name: 'Notices' }).getByRole('note', {
    name: 'Sandbox notice',
  });
  await expect(notice).toContainText('WEBRUN_API_KEY');
  const box = (await notice.boundingBox())!;
  const lineHeight = await notice.evaluate((el) =>
    // Runs in the page; the node project's types have no DOM, hence the cast.
    parseFloat(
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }
      ).getComputedStyle(el).lineHeight,
    ),
  );
  // One line of text plus padding and the button: well under two lines.
  expect(box.height).toBeLessThan(lineHeight * 2 + 16);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live');
  await expect(page.getByRole('note', { name: 'Sandbox notice' })).toHaveCount(0);
});
