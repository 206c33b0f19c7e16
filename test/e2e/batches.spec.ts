// A batch from pasted CSV, as a person makes one: the row with a missing value is listed
// and must be skipped before anything starts, the progress bar fills, the table is exported.
// Screenshots (light and dark, 1024×640 and 1400×900) go under test-results/screenshots/.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';

const ROWS = [
  'product;shop',
  'Kettle;alpha.example',
  '"Toaster; 2 slots";beta.example',
  'Blender;',
  'Mixer;gamma.example',
  'Grill;delta.example',
].join('\n');

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [width, height] of [
      [1024, 640],
      [1400, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screenshots/batches-${name}-${width}x${height}-${theme}.png`,
      });
    }
  }
  await page.getByRole('combobox', { name: 'Theme' }).first().selectOption('light');
}

test('a batch from pasted CSV: check, skip the bad row, watch it run, export the table', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Batches' }).click();
  const form = page.getByRole('form', { name: 'New batch' });
  await form.getByLabel('Rows (CSV with a header line, or JSON)').fill(ROWS);
  await form
    .getByLabel('Prompt template')
    .fill('Find the price of {{product}} on {{shop}} [duration:40s]');
  await form.getByLabel('Starting URL template').fill('https://{{shop}}');
  await expect(form.getByRole('button', { name: 'Start batch' })).toBeDisabled();
  await form.getByRole('button', { name: 'Check rows' }).click();

  const check = page.getByRole('region', { name: 'Check of the rows' });
  await expect(check).toContainText('5 rows, columns: product, shop.');
  await expect(check.getByRole('alert')).toContainText('Line 4: no value for shop.');
  await expect(check.getByRole('list', { name: 'Rendered prompts' })).toContainText(
    'Find the price of Toaster; 2 slots on beta.example',
  );
  await expect(check.getByLabel('Estimate')).toContainText('no history yet');
  await expect(check.getByLabel('Estimate')).toContainText('WebRun accepts 10 submissions');
  // Nothing is sent while the row is neither fixed nor skipped.
  await expect(form.getByRole('button', { name: 'Start batch' })).toBeDisabled();
  await check.getByRole('checkbox', { name: 'Skip this row' }).check();
  await shoot(page, 'check');
  await form.getByRole('button', { name: 'Start batch' }).click();

  const detail = page.getByRole('region', { name: /^Batch / });
  const bar = detail.getByRole('progressbar', { name: 'Batch progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '5');
  await expect(bar).toHaveAttribute('aria-valuenow', '5', { timeout: 60_000 });
  await expect(detail.getByText('Finished')).toBeVisible();
  const counts = detail.getByRole('definition');
  await expect(counts.first()).toHaveText('4'); // done
  const table = detail.getByRole('table', { name: 'Batch results' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row', { name: /Blender/ })).toContainText('Skipped');
  await expect(table.getByRole('row', { name: /Kettle/ })).toContainText('Completed');
  // A row never sent has no cost, as it has no duration; a row that ran has its amount.
  const cost = (name: RegExp) => table.getByRole('row', { name }).getByRole('cell').nth(4);
  await expect(cost(/Blender/)).toHaveText('—');
  await expect(cost(/Kettle/)).toHaveText(/^\$\d+\.\d{2,}$/);
  await shoot(page, 'finished');

  const download = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^batch-[0-9a-f]+-results\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('line,product,shop,status,cost,duration_s,answer,error,task_id');
  expect(csv.filter((l) => /,completed,/.test(l))).toHaveLength(4);
  expect(csv).toContainEqual(expect.stringMatching(/^3,Toaster; 2 slots,beta.example,completed,/));

  // Its tasks are ordinary tasks: the history shows them by the batch's tag.
  await detail.getByRole('link', { name: 'Tasks in history' }).click();
  await expect(page).toHaveURL(/#\/history\?tag=batch-/);
});
