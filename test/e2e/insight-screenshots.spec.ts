// Screenshots of the views for reading what happened (live browser, timeline, history table,
// files, spend) in light and dark, at 1024×640 and 1400×900, for a person to look at
// (written under test-results/, which is not committed).
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, detail, openView, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1400, height: 900 },
] as const;

async function shoot(page: Page, name: string, show: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await show();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screenshots/${name}-${size.width}-${theme}.png`,
      });
    }
  }
}

test('screenshots of the live browser, the timeline, history, files and spend', async ({
  appPage: page,
}) => {
  await compose(page, 'Download the annual report [files:2] [network:8] [duration:20s]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 90_000 });
  await shoot(page, 'events-timeline', () =>
    detail(page).getByRole('tab', { name: 'Events' }).click(),
  );
  await shoot(page, 'files', () => detail(page).getByRole('tab', { name: 'Files' }).click());

  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('session');
  await compose(page, 'Watch me browse the catalogue [duration:300s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 45_000 });
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await detail(page).getByRole('button', { name: 'Take over' }).click();
  await expect(detail(page).getByRole('status', { name: 'Browser control state' })).toBeVisible();
  await shoot(page, 'live-browser', async () => {});
  await detail(page).getByRole('button', { name: 'Stop' }).click();
  await confirm(page, 'Stop task');

  await openView(page, 'History');
  await shoot(page, 'history-inspector', async () => {});
  await page.getByRole('button', { name: 'Close task' }).click();
  await shoot(page, 'history', async () => {});
  await openView(page, 'Spend');
  await shoot(page, 'spend', async () => {});
});
