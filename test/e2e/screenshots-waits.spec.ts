// Screenshots of the views changed for waits, settings and access, light and dark, at 1024×640
// and 1400×900, for a person to look at (under test-results/, not committed).
import { expect, test } from './fixture';
import { compose, confirm, openView } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

for (const [width, height] of [
  [1024, 640],
  [1400, 900],
] as const) {
  test(`waits, settings and access at ${width}×${height}`, async ({ app, page, browser }) => {
    await page.setViewportSize({ width, height });
    await page.goto(app.url);
    await compose(
      page,
      `Renew my parking permit ${width} [guardrail:Please enter the 2FA code] [duration:20s]`,
    );
    const dialog = page.getByRole('dialog', { name: 'The agent has a question' });
    await expect(dialog).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const shot = (name: string) =>
        page.screenshot({
          path: `test-results/screenshots/${name}-${width}x${height}-${theme}.png`,
        });
      await expect(dialog).toBeVisible();
      await shot('question-modal');
      await page.keyboard.press('Escape');
      await page.locator('summary', { hasText: 'Options' }).click();
      await page.getByLabel('Priority (-10 to 10)').fill('3');
      await page.locator('summary', { hasText: 'Options' }).click();
      await page.getByRole('textbox', { name: 'Task', exact: true }).fill('x'.repeat(100_001));
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await shot('queue-question-bar');
      await page.getByRole('textbox', { name: 'Task', exact: true }).fill('');
      await openView(page, 'Sessions');
      await shot('sessions');
      await openView(page, 'Settings');
      await shot('settings');
      await openView(page, 'Queue');
      await page.getByRole('button', { name: 'Answer (A)' }).click();
    }
    await dialog.getByRole('button', { name: 'Stop task' }).click();
    await confirm(page, 'Stop task');
    await expect(dialog).toBeHidden();
    // A fresh tab: this one keeps its token for the session, as it should.
    const fresh = await browser.newPage({ viewport: { width, height } });
    await fresh.goto(new URL(app.url).origin + '/');
    await expect(fresh.getByRole('status', { name: 'Connection' })).toHaveText('No access');
    await fresh.screenshot({ path: `test-results/screenshots/no-access-${width}x${height}.png` });
  });
}
