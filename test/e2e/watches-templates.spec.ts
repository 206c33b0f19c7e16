// A saved template's checks, as a person sets and reads them: saved from the composer, given a
// check in the Watches view's Templates list (the watch editor's rule rows), every completed run
// started from it is judged, and the list shows the pass and flap rate over its last 20 runs.
// Saving the template again from the composer keeps its checks. Held to axe-core, with
// screenshots light and dark at both sizes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { auditEverywhere } from './axe-audit';
import { detail, openView } from './helpers';

const templateRow = (page: Page) =>
  page.getByRole('table', { name: 'Templates' }).getByRole('row').filter({ hasText: 'Kettle run' });

async function setCostCheck(page: Page, atMost: string): Promise<void> {
  await openView(page, 'Watches');
  await templateRow(page).getByRole('button', { name: 'Edit the checks of Kettle run' }).click();
  const form = page.getByRole('form', { name: 'Checks of template Kettle run' });
  if ((await form.getByRole('combobox', { name: 'Check 1' }).count()) === 0)
    await form.getByRole('button', { name: 'Add check' }).click();
  await form.getByRole('combobox', { name: 'Check 1' }).selectOption('cost');
  await form.getByRole('textbox', { name: 'At most, USD' }).fill(atMost);
  await form.getByRole('button', { name: 'Save checks' }).click();
  await expect(form).toHaveCount(0);
}

async function runFromTemplate(page: Page): Promise<void> {
  await openView(page, 'Queue');
  await page.getByRole('combobox', { name: 'Start from template' }).selectOption('Kettle run');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
}

test("a template's checks judge its runs; the list shows pass and flap rates", async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Price of the kettle [duration:1s]');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Kettle run');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await openView(page, 'Watches');
  await expect(templateRow(page)).toContainText('0');
  await setCostCheck(page, '1');
  await expect(templateRow(page).getByRole('cell').nth(1)).toHaveText('1');

  await runFromTemplate(page);
  await openView(page, 'Watches');
  const passRate = templateRow(page).getByRole('cell').nth(2);
  await expect(passRate).toHaveText('100 %', { timeout: 30_000 });
  await expect(passRate).toHaveAttribute('title', '1 judged run(s) of the last 20');

  // A check no run can meet: the next run fails, the verdict flips.
  await setCostCheck(page, '0.00001');
  await runFromTemplate(page);
  await openView(page, 'Watches');
  await expect(passRate).toHaveText('50 %', { timeout: 30_000 });
  await expect(templateRow(page).getByRole('cell').nth(3)).toHaveText('100 %');

  // Each run shows its verdict by the template's checks in the inspector.
  await openView(page, 'History');
  const runs = page.getByRole('table', { name: 'History' }).getByRole('row');
  await runs.nth(1).getByRole('cell').nth(2).getByRole('button').click();
  await expect(detail(page).getByLabel('Template')).toHaveText('Kettle run · checks: fail');
  const inspector = await auditEverywhere(page, 'history-template-verdict');
  await runs.nth(2).getByRole('cell').nth(2).getByRole('button').click();
  await expect(detail(page).getByLabel('Template')).toHaveText('Kettle run · checks: pass');

  // Saved again from the composer (no checks there): the check stays.
  await openView(page, 'Queue');
  await page.getByRole('combobox', { name: 'Start from template' }).selectOption('Kettle run');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await openView(page, 'Watches');
  await expect(templateRow(page).getByRole('cell').nth(1)).toHaveText('1');

  await templateRow(page).getByRole('button', { name: 'Edit the checks of Kettle run' }).click();
  const form = page.getByRole('form', { name: 'Checks of template Kettle run' });
  await expect(form.getByRole('textbox', { name: 'At most, USD' })).toHaveValue('0.00001');
  await form.getByRole('heading').scrollIntoViewIfNeeded();
  const found = await auditEverywhere(page, 'watches-template-checks');
  expect([...inspector, ...found]).toEqual([]);
});
