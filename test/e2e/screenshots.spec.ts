// Screenshots of each main view in light and dark themes, for a person to look at
// (written under test-results/, which is not committed).
import { expect, test } from './fixture';
import { compose, taskStatus } from './helpers';

const VIEWS = ['queue', 'history', 'spend', 'sessions', 'settings', 'inbox'] as const;

test('light and dark screenshots of every main view at 1024×640', async ({ app, page }) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(app.url);
  await compose(page, 'Find the opening hours of the Louvre [network:12]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Download the annual report [files:2] [fail:PAGE_CRASH]');
  await expect(taskStatus(page)).toHaveText('Failed', { timeout: 45_000 });
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const view of VIEWS) {
      // Runs in the page; the node project's types have no DOM, hence the cast.
      await page.evaluate(
        (v) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/${v}`),
        view,
      );
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/screenshots/${view}-${theme}.png` });
    }
  }
});
