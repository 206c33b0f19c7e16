// Issue 25.4: a batch stopped at its budget has a way out. Its message agrees with its counts
// and header; the budget and concurrency are edited beside it, then it resumes; or its unsent
// rows go to "Retry failed rows".
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { confirm } from './helpers';
import type { Served } from './serve';

const ROWS = ['product,shop', ...[1, 2, 3, 4, 5, 6].map((i) => `Kettle ${i},shop${i}.example`)];

async function startStoppingBatch(app: Served, page: Page, name: string): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Batches' }).click();
  const form = page.getByRole('form', { name: 'New batch' });
  await form.getByLabel('Rows (CSV with a header line, or JSON)').fill(ROWS.join('\n'));
  await form.getByLabel('Prompt template').fill('Price of {{product}} on {{shop}} [cost:0.25]');
  await form.getByLabel('Name (optional)').fill(name);
  await form.getByLabel('Rows at once').fill('2');
  await form.getByLabel('Batch budget (USD)').fill('0.5');
  await form.getByLabel('Cost cap per task (USD)').fill('0.25');
  await form.getByRole('button', { name: 'Check rows' }).click();
  await form.getByRole('button', { name: 'Start batch' }).click();
}

const detailOf = (page: Page, name: string) => page.getByRole('region', { name: `Batch ${name}` });

async function countOf(page: Page, name: string, term: string): Promise<string> {
  return (await detailOf(page, name)
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd')
    .textContent())!;
}

test('stopped at its budget: the message agrees with the counts, and raising the budget resumes it', async ({
  app,
  page,
}) => {
  await startStoppingBatch(app, page, 'Kettles A');
  const detail = detailOf(page, 'Kettles A');
  await expect(detail.getByText('Stopped at budget')).toBeVisible({ timeout: 20_000 });
  await expect(detail.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '2', {
    timeout: 20_000,
  });
  const waiting = await countOf(page, 'Kettles A', 'Waiting');
  const spend = await countOf(page, 'Kettles A', 'Spend');
  expect(waiting).toBe('4');
  const message = detail.getByRole('status').filter({ hasText: 'Stopped at the budget' });
  await expect(message).toContainText(`${waiting} rows not sent`);
  await expect(message).toContainText(`spent ${spend.replace(/ \(.*$/, '')}`);
  await expect(detail.getByRole('button', { name: 'Retry failed rows' })).toBeEnabled();

  await detail.getByRole('button', { name: 'Raise budget and resume…' }).click();
  const settings = detail.getByRole('form', { name: 'Budget and concurrency' });
  const budget = settings.getByLabel('Budget (USD, empty for none)');
  await expect(budget).toBeFocused();
  // Both mistakes at once, each beside its field.
  await budget.fill('0.4');
  await settings.getByLabel('Rows at once').fill('0');
  await settings.getByRole('button', { name: 'Save and resume' }).click();
  await expect(budget).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.getByLabel('Rows at once')).toHaveAttribute('aria-invalid', 'true');
  await expect(settings).toContainText('has spent $0.50 already');
  await expect(settings).toContainText('whole number of rows from 1 to 100');
  await budget.fill('5');
  await settings.getByLabel('Rows at once').fill('4');
  await settings.getByRole('button', { name: 'Save and resume' }).click();
  await expect(settings).toBeHidden();
  await expect(detail.getByText('Finished')).toBeVisible({ timeout: 20_000 });
  await expect(detail.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '6');
  expect(await countOf(page, 'Kettles A', 'Spend')).toMatch(/^\$1\.50 of \$5\.00/);
});

test('"Retry failed rows" takes the rows a budget stop left unsent, after a confirmation', async ({
  app,
  page,
}) => {
  await startStoppingBatch(app, page, 'Kettles B');
  const detail = detailOf(page, 'Kettles B');
  await expect(detail.getByText('Stopped at budget')).toBeVisible({ timeout: 20_000 });
  await detail.getByRole('button', { name: 'Retry failed rows' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('4 not sent at the budget');
  await expect(page.getByRole('alertdialog')).toContainText('budget of its own of $0.50');
  await confirm(page, 'Retry rows');
  const retry = detailOf(page, 'Retry of Kettles B');
  await expect(retry.getByRole('progressbar')).toHaveAttribute('aria-valuemax', '4');
  await page
    .getByRole('list', { name: 'Batches' })
    .getByRole('button', { name: /^Kettles B/ })
    .click();
  await expect(detail).toContainText('4 unsent rows moved to “Retry of Kettles B”');
});
