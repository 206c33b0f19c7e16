// Accessibility as a standard (issue 25): axe-core over every view and the states this issue
// added, light and dark, at 1024×640 and 1400×900: no critical, serious or moderate violation.
// Screenshots of each go under test-results/screenshots/axe-*.
import { expect, test } from './fixture';
import { auditEverywhere } from './axe-audit';
import { compose, detail, openView, taskStatus } from './helpers';

const VIEWS = [
  'queue',
  'history',
  'inbox',
  'batches',
  'spend',
  'sessions',
  'environments',
  'schedules',
  'settings',
] as const;

test('every view, light and dark, 1024 and 1400: no critical, serious or moderate violation', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  await compose(page, 'Find the opening hours of the Louvre');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
  const found: string[] = [];
  for (const view of VIEWS) {
    await page.goto(app.url.replace(/\/\?.*$/, '/') + `#/${view}`);
    await expect(page.getByRole('main')).toBeVisible();
    found.push(...(await auditEverywhere(page, view)));
  }
  expect(found).toEqual([]);
});

test('the states this issue added pass too: paused, errors, dialogs, a stopped batch, network', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  const found: string[] = [];
  // A task open on its Network tab, the queue paused, the composer showing its mistakes.
  await compose(page, 'Compare ticket prices [duration:5s]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
  await detail(page).getByRole('tab', { name: 'Network' }).click();
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Half typed');
  await page.getByRole('textbox', { name: 'Starting URL (optional)' }).fill('not a url');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Starting URL (optional)' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  found.push(...(await auditEverywhere(page, 'queue-states')));
  // The command bar, and a confirmation.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command bar' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Command' }).fill('queue');
  found.push(...(await auditEverywhere(page, 'command-bar')));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('button', { name: 'Resume queue' }).click();
  // A batch stopped at its budget with its settings form open.
  await page.getByRole('link', { name: 'Batches' }).click();
  const form = page.getByRole('form', { name: 'New batch' });
  await form
    .getByLabel('Rows (CSV with a header line, or JSON)')
    .fill('product,shop\nA,a.example\nB,b.example\nC,c.example\nD,d.example');
  await form.getByLabel('Prompt template').fill('Price of {{product}} on {{shop}} [cost:0.25]');
  await form.getByLabel('Name (optional)').fill('Audit batch');
  await form.getByLabel('Rows at once').fill('1');
  await form.getByLabel('Batch budget (USD)').fill('0.3');
  await form.getByLabel('Cost cap per task (USD)').fill('0.25');
  await form.getByRole('button', { name: 'Check rows' }).click();
  await form.getByRole('button', { name: 'Start batch' }).click();
  const batch = page.getByRole('region', { name: 'Batch Audit batch' });
  await expect(batch.getByText('Stopped at budget')).toBeVisible({ timeout: 20_000 });
  await batch.getByRole('button', { name: 'Raise budget and resume…' }).click();
  await batch.getByLabel('Rows at once').fill('0');
  await batch.getByRole('button', { name: 'Save and resume' }).click();
  await expect(batch.getByLabel('Rows at once')).toHaveAttribute('aria-invalid', 'true');
  found.push(...(await auditEverywhere(page, 'batch-stopped')));
  await batch.getByRole('button', { name: 'Retry failed rows' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  found.push(...(await auditEverywhere(page, 'confirm')));
  await page.keyboard.press('Escape');
  await openView(page, 'Queue');
  expect(found).toEqual([]);
});

test('with reduced motion asked for, nothing animates', async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Batches' }).click();
  const durations = await page.evaluate(() => {
    // Runs in the page; the node project's types have no DOM, hence the cast.
    const g = globalThis as unknown as {
      document: { createElement(t: string): { className: string; style: object } } & {
        body: { append(e: unknown): void };
      };
      getComputedStyle(e: unknown): { transitionDuration: string; animationDuration: string };
    };
    // A progress bar's segment, which otherwise grows with a transition.
    const bar = g.document.createElement('div');
    bar.className = 'batch-progress';
    const probe = g.document.createElement('span');
    probe.className = 'seg seg-done';
    (bar as unknown as { append(e: unknown): void }).append(probe);
    g.document.body.append(bar);
    const style = g.getComputedStyle(probe);
    return [style.transitionDuration, style.animationDuration];
  });
  expect(durations.every((d) => parseFloat(d) < 0.001)).toBe(true);
});
