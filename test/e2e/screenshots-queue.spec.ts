// Screenshots of the queue and inspector changed for held tasks, Pause/Resume and Run again,
// light and dark, at 1024×640 and 1400×900, for a person to look at (under test-results/, not
// committed).
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, detail, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

async function shots(page: Page, name: string, size: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `test-results/screenshots/${name}-${size}-${theme}.png` });
  }
}

for (const [width, height] of [
  [1024, 640],
  [1400, 900],
] as const) {
  test(`held, paused and run-again views at ${width}×${height}`, async ({ app, page }) => {
    const size = `${width}x${height}`;
    await page.setViewportSize({ width, height });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Pause queue' }).click();
    await compose(page, `Book a table for four ${width}`);
    await compose(page, `Find a florist open on Sunday ${width}`);
    await expect(detail(page).getByRole('status', { name: 'Why it waits' })).toBeVisible();
    await shots(page, 'held', size);

    await page.getByRole('button', { name: 'Resume queue' }).click();
    await compose(page, `Compare three laptops ${width} [duration:300s]`);
    await expect(taskStatus(page)).toHaveText('Running', { timeout: 45_000 });
    await detail(page)
      .getByRole('group', { name: 'Task controls' })
      .getByRole('button', { name: 'Pause' })
      .click();
    await expect(taskStatus(page)).toHaveText('Paused');
    await shots(page, 'paused-inspector', size);
    await detail(page).getByRole('button', { name: 'Cancel task' }).click();
    await confirm(page, 'Cancel task');

    const done = queueRow(page, `Book a table for four ${width}`);
    await expect(done).toContainText('Completed', { timeout: 60_000 });
    await done.getByRole('button', { name: /^Book a table/ }).click();
    await detail(page).getByRole('button', { name: 'Run again', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue(
      `Book a table for four ${width}`,
    );
    await shots(page, 'run-again', size);
  });
}
