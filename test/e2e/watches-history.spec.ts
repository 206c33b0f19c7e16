// A watch's runs in the History view: each is marked with its watch's name (text only: a name
// is user text), and the mark or the Watch filter narrows the history to that watch's runs,
// in the URL so it survives a reload. Held to axe-core with screenshots, light and dark.
import { expect, test } from './fixture';
import { auditEverywhere } from './axe-audit';
import { compose, detail, openView } from './helpers';
import { createDriftWatch, runNowAndJudge } from './watches-flow';

test("the history marks a watch's runs with its name and filters to them", async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  // A hostile-looking name stays text.
  const name = '<b>Kettle</b> & co';
  await createDriftWatch(page, name);
  await runNowAndJudge(page, name, 1);
  await openView(page, 'Queue');
  await compose(page, 'A task by hand [duration:1s]');
  await openView(page, 'History');
  const table = page.getByRole('table', { name: 'History' });
  await expect(table.getByRole('row')).toHaveCount(3);
  const badge = table.getByRole('button', { name: `Watch: ${name}. Show only its runs` });
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveText(`Watch: ${name}`);
  await expect(table.locator('b')).toHaveCount(0);
  const byHand = table.getByRole('row').filter({ hasText: 'A task by hand' });
  await expect(byHand.getByRole('button', { name: /^Watch:/ })).toHaveCount(0);
  const found = await auditEverywhere(page, 'history-watch-badge');

  // The inspector says so too, with a link to the watch's runs.
  const watchRun = table
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Watch:/ }) });
  await watchRun.getByRole('button').nth(1).click();
  await expect(detail(page).getByRole('link', { name })).toBeVisible();
  await badge.click();
  await expect(page).toHaveURL(/watch=/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('status', { name: 'History count' })).toHaveText('1 task');
  const filter = page
    .getByRole('search', { name: 'History filters' })
    .getByRole('combobox', { name: 'Watch' });
  await expect(filter.locator('option:checked')).toHaveText(name);
  await page.reload();
  await expect(page.getByRole('status', { name: 'History count' })).toHaveText('1 task');
  await filter.selectOption('');
  await expect(table.getByRole('row')).toHaveCount(3);
  expect(found).toEqual([]);
});
