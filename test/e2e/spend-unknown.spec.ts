// A status or tag whose costs are unknown says so (how many, for a status), never $0.00. The costs are made
// unknown in the history file itself (as a WebRun answer without usage leaves them), beside
// the running app, which reads the summary from that file when Spend opens.
import Database from 'better-sqlite3';
import { expect, test } from './fixture';
import { callApi } from './api';
import { openView } from './helpers';
import type { Served } from './serve';

async function finished(app: Served, prompt: string, tags: string[]): Promise<string> {
  const task = await callApi<{ id: string }>(app, 'tasks.create', { prompt, tags });
  await expect
    .poll(
      async () => (await callApi<{ status: string }>(app, 'tasks.get', { id: task.id })).status,
      { timeout: 45_000 },
    )
    .toBe('completed');
  return task.id;
}

test('by status and by tag, unknown costs are counted beside the known sum, never shown as $0.00', async ({
  app,
  page,
}) => {
  await finished(app, 'Book the train [cost:0.40]', ['travel']);
  const unknown = [
    await finished(app, 'File the receipt [cost:0.10]', ['receipts']),
    await finished(app, 'File the invoice [cost:0.20]', ['receipts']),
  ];
  const db = new Database(app.db);
  try {
    const forget = db.prepare('UPDATE tasks SET cost = NULL, cost_source = NULL WHERE id = ?');
    for (const id of unknown) forget.run(id);
  } finally {
    db.close();
  }

  await page.goto(app.url);
  await openView(page, 'Spend');
  const byStatus = page.getByRole('table', { name: 'By status' });
  await expect(byStatus.getByRole('row', { name: /completed/ })).toContainText('$0.40 + 2 unknown');
  await page.getByRole('radio', { name: 'Tag', exact: true }).click();
  const byTag = page.getByRole('table', { name: 'Spend by tag' });
  await expect(byTag.getByRole('row', { name: /receipts/ })).toContainText('unknown');
  await expect(byTag.getByRole('row', { name: /receipts/ })).not.toContainText('$');
  await expect(byTag.getByRole('row', { name: /travel/ })).toContainText('$0.40');
  await expect(byTag.getByRole('row', { name: /travel/ })).not.toContainText('unknown');

  // For a person to look at (test-results/ is not committed).
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await byTag.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/spend-unknown-${size.width}-${theme}.png`,
      });
    }
  }
});
