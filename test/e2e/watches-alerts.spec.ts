// The two alerts the other watches specs do not raise, as a person meets them in the inbox: a
// run that failed (the sandbox's [fail] directive), and "unchanged for N days". Days cannot pass
// in a test and browser mode has no clock to move, so the watch's recorded last change is moved
// two days back in the history file between runs (what a second process on the history does:
// the app notices the write as it would any other), and the next unchanged run raises it.
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { detail, openView } from './helpers';
import { inboxLink, judged, SCHEMA, watchRow } from './watches-flow';

async function createWatch(
  page: Page,
  name: string,
  prompt: string,
  unchangedDays = '',
): Promise<void> {
  await openView(page, 'Watches');
  await page.getByRole('button', { name: 'New watch' }).click();
  const form = page.getByRole('form', { name: 'New watch' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await form.getByRole('textbox', { name: 'Prompt (use {{name}} for a value)' }).fill(prompt);
  await form.getByRole('textbox', { name: 'Output JSON Schema' }).fill(SCHEMA);
  await form.getByRole('textbox', { name: 'Watched paths (empty: all)' }).fill('price');
  await form.getByRole('textbox', { name: 'Alert if unchanged (days)' }).fill(unchangedDays);
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form).toHaveCount(0);
  await expect(watchRow(page, name)).toBeVisible();
}

const runNow = (page: Page, name: string) =>
  watchRow(page, name)
    .getByRole('button', { name: `Run ${name} now` })
    .click();

test('a run that failed is an alert in the inbox that opens the run', async ({ appPage: page }) => {
  await createWatch(
    page,
    'Crashing shop',
    'Price of the kettle as JSON [fail:PAGE_CRASH] [duration:1s]',
  );
  await runNow(page, 'Crashing shop');
  await expect(inboxLink(page)).toHaveAccessibleName(/1 watch alert waiting/, { timeout: 30_000 });
  await inboxLink(page).click();
  const alert = page.getByRole('listitem', { name: 'Run failed: Crashing shop' });
  await expect(alert).toContainText('Crashing shop: the run ended failed.');
  await alert.getByRole('button', { name: 'Open the run of Crashing shop' }).click();
  await expect(page).toHaveURL(/#\/history/);
  await expect(detail(page).getByText('Failed', { exact: true }).first()).toBeVisible();
  await inboxLink(page).click();
  await alert.getByRole('button', { name: 'Dismiss the alert for Crashing shop' }).click();
  await expect(alert).toHaveCount(0);
});

test('a watch unchanged for its N days says so once, in the inbox', async ({ app, page }) => {
  await page.goto(app.url);
  await createWatch(page, 'Quiet kettle', 'Price of the quiet kettle as JSON [duration:1s]', '1');
  await runNow(page, 'Quiet kettle');
  await judged(page, 'Quiet kettle', 1);
  // The first run set the watch's last change; it is now two days old.
  const db = new Database(app.db);
  const moved = db
    .prepare('UPDATE watches SET last_change_at = last_change_at - ? WHERE name = ?')
    .run(2 * 86_400_000, 'Quiet kettle');
  db.close();
  expect(moved.changes).toBe(1);
  await runNow(page, 'Quiet kettle');
  await judged(page, 'Quiet kettle', 2);
  await expect(inboxLink(page)).toHaveAccessibleName(/1 watch alert waiting/);
  await inboxLink(page).click();
  const alert = page.getByRole('listitem', { name: 'Unchanged: Quiet kettle' });
  await expect(alert).toContainText('Quiet kettle has not changed for 1 day.');
  // Once per quiet stretch: a third unchanged run adds nothing (its judgement is the wait).
  await openView(page, 'Watches');
  await runNow(page, 'Quiet kettle');
  await judged(page, 'Quiet kettle', 3);
  // Judged means its alerts are stored (one transaction): a fresh load reads them all.
  await page.reload();
  await expect(inboxLink(page)).toHaveAccessibleName(/1 watch alert waiting/);
  await inboxLink(page).click();
  await expect(page.getByRole('listitem', { name: /^Unchanged:/ })).toHaveCount(1);
});

test('an alert another process records shows in the open app without a reload', async ({
  app,
  appPage: page,
}) => {
  await createWatch(page, 'Kettle elsewhere', 'Price of the kettle elsewhere as JSON');
  await inboxLink(page).click();
  const before = await inboxLink(page).getAttribute('aria-label');
  // Another process on the same history (here this test, as `webrun-desk watch run` would)
  // records an alert; the page is not reloaded.
  const db = new Database(app.db);
  const watch = db.prepare('SELECT id FROM watches WHERE name = ?').get('Kettle elsewhere') as {
    id: string;
  };
  db.prepare(
    "INSERT INTO watch_alerts (watch_id, task_id, kind, message, at) VALUES (?, NULL, 'material_change', ?, ?)",
  ).run(watch.id, 'Kettle elsewhere changed: price.', Date.now());
  db.close();
  const alert = page.getByRole('listitem', { name: 'Changed: Kettle elsewhere' });
  await expect(alert).toContainText('Kettle elsewhere changed: price.', { timeout: 30_000 });
  await expect(inboxLink(page)).not.toHaveAttribute('aria-label', before ?? '');
});
