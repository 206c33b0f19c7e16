// Bug: unanswered questions, paused tasks and kept-open sessions ended as "Failed
// (TERMINATED)" when WebRun's 5-minute inactivity expiry passed (30 s in the sandbox at its
// default speed), with no countdown and no reason.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, detail, openView, queueRow } from './helpers';

const bar = (page: Page) => page.getByRole('alert', { name: 'Questions waiting' });

test.describe('at the sandbox’s default speed', () => {
  // The default time scale (0.1): tasks run ten times faster than life.
  test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '' } });

  test('a waiting question shows the real five minutes it has left', async ({ appPage: page }) => {
    await compose(
      page,
      'Check my library loans [guardrail:Which card should I use?] [duration:20s]',
    );
    const dialog = page.getByRole('dialog', { name: 'The agent has a question' });
    await expect(dialog.getByRole('timer', { name: 'Time left' })).toHaveText(
      /^4:[45]\d left before WebRun ends the session/,
    );
    await page.keyboard.press('Escape');
    await expect(bar(page).getByRole('timer', { name: 'Time left' })).toHaveText(/^4:[45]\d left$/);
    await page.getByRole('link', { name: /^Inbox/ }).click();
    const items = page.getByRole('list', { name: 'Questions waiting' });
    await expect(items.getByRole('timer', { name: 'Time left' })).toHaveText(/^4:[45]\d left/);
    await items.getByRole('button', { name: 'Stop task' }).click();
    await confirm(page, 'Stop task');
    await expect(page.getByText('No questions waiting')).toBeVisible();
  });

  test('a kept-open session counts down once its task is done', async ({ appPage: page }) => {
    await page.getByText('Options', { exact: true }).click();
    await page.getByLabel('Mode').selectOption('session');
    await page.getByRole('checkbox', { name: 'Keep the session open afterwards' }).check();
    await compose(page, 'Open the shop and stay there [duration:2s]');
    await expect(detail(page).getByRole('status', { name: 'Task status' })).toHaveText(
      'Completed',
      { timeout: 45_000 },
    );
    await openView(page, 'Sessions');
    const row = page
      .getByRole('table', { name: 'Sessions' })
      .getByRole('row')
      .filter({ hasText: 'Kept open' });
    await expect(row.getByRole('timer', { name: 'Time left' })).toHaveText(/^4:[45]\d left$/);
  });
});

test.describe('with a short expiry', () => {
  test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1', WEBRUN_SANDBOX_EXPIRY_SCALE: '0.1' } });

  test('a paused task warns in its last minute, and says why it ended when the session expires', async ({
    appPage: page,
  }) => {
    await compose(page, 'Compare three laptops [duration:200s]');
    const inspector = detail(page);
    await expect(inspector.getByRole('status', { name: 'Task status' })).toHaveText('Running', {
      timeout: 30_000,
    });
    await inspector.getByRole('tab', { name: 'Live' }).click();
    await inspector.getByRole('button', { name: 'Pause' }).click();
    await expect(inspector.getByRole('status', { name: 'Task status' })).toHaveText('Paused');
    await expect(inspector.getByRole('timer', { name: 'Time left' })).toHaveText(
      /^Less than a minute left: 0:[0-3]\d before WebRun ends the session/,
    );
    await expect(inspector.getByRole('status', { name: 'Task status' })).not.toHaveText('Paused', {
      timeout: 180_000,
    });
    await expect(inspector.getByRole('alert')).toContainText(
      /session expired after \d+ (min|s) without activity/i,
    );
    await expect(queueRow(page, 'Compare three laptops')).toContainText(/session expired after/i);
  });
});
