// Bug: opening the app without its token looked like lost history: an empty queue, four
// stacked "Refused" errors and "Reconnecting…" for ever.
import { expect, test } from './fixture';

for (const [name, url] of [
  ['without a token', (u: URL) => u.origin + '/'],
  ['with a wrong token', (u: URL) => `${u.origin}/?token=0123456789abcdef`],
] as const) {
  test(`opened ${name}, the page says what happened and what to do, and stops retrying`, async ({
    app,
    page,
  }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    // A fake clock, so a minute of would-be retries passes at once.
    await page.clock.install();
    await page.goto(url(new URL(app.url)));
    const notice = page.getByRole('alert').filter({ hasText: 'access token' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Open the link the terminal printed');
    await expect(notice).toContainText('webrun-desk serve');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('No access');
    await expect(page.getByText(/Refused/)).toHaveCount(0);
    await expect(page.getByText('No tasks yet')).toHaveCount(0);
    // No more connection attempts in what would have been a minute of retries.
    const before = sockets.length;
    expect(before).toBeLessThanOrEqual(1);
    await page.clock.runFor(60_000);
    expect(sockets.length).toBe(before);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('No access');
  });
}

test('the link with the token still opens the app', async ({ appPage: page }) => {
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live');
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toBeVisible();
});
