// Screenshots of the command bar, a confirmation and an undo notice, light and dark, at the
// two window sizes people use (written under test-results/, not committed).
import { expect, test } from './fixture';
import { compose, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

for (const [width, height] of [
  [1024, 640],
  [1400, 900],
] as const) {
  test(`command bar, confirmation and undo at ${width}×${height}`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(app.url);
    const running = `Find flights from Paris to Lisbon next Friday, cheapest first ${width} [duration:300s]`;
    const waiting = `Compare museum ticket prices in Lisbon ${width}`;
    await compose(page, running);
    await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Pause queue' }).click();
    await compose(page, waiting);
    for (const theme of ['light', 'dark'] as const) {
      const shot = (name: string) =>
        page.screenshot({
          path: `test-results/screenshots/${name}-${theme}-${width}x${height}.png`,
        });
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

      await page.getByRole('heading', { name: 'Queue' }).click();
      await page.keyboard.press('Control+k');
      const bar = page.getByRole('dialog', { name: 'Command bar' });
      await expect(bar).toBeVisible();
      await shot('command-bar');
      await bar.getByRole('combobox', { name: 'Command' }).fill('lisbon');
      await expect(bar.getByRole('option', { name: /^Open task/ }).first()).toBeVisible();
      await shot('command-bar-tasks');
      await page.keyboard.press('Escape');

      await queueRow(page, running).getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await shot('confirm-cancel');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Keep running' }).click();

      await queueRow(page, waiting).getByRole('button', { name: 'Cancel', exact: true }).click();
      const undo = page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('button', { name: 'Undo' });
      await expect(undo).toBeVisible();
      await shot('undo-notice');
      await undo.click();
      await expect(queueRow(page, waiting)).toContainText('Queued');
    }
    await page.getByRole('button', { name: 'Resume queue' }).click();
  });
}
