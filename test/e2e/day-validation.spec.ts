// Issue 25.7 (and the URL line of 25.9): every mistake at once, beside its own field, marked
// aria-invalid there, in words for a person; a CSV row with extra values is flagged; an
// address typed without a scheme is taken as https.
import { expect, test } from './fixture';
import { detail, taskStatus } from './helpers';

test('the composer shows max duration, cost cap and priority mistakes together, each at its field', async ({
  appPage: page,
}) => {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Check three things');
  await page.locator('summary', { hasText: 'Options' }).click();
  const duration = page.getByRole('textbox', { name: 'Max duration (s)' });
  const cap = page.getByRole('textbox', { name: 'Cost cap (USD)' });
  const priority = page.getByRole('spinbutton', { name: 'Priority (-10 to 10)' });
  await duration.fill('-5');
  await cap.fill('-1');
  await priority.fill('99');
  // Folded away, the mistakes still show: Options opens.
  await page.locator('summary', { hasText: 'Options' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const [field, words] of [
    [duration, 'Max duration (seconds) must be a whole number from 1 to 300.'],
    [cap, 'Cost cap must be an amount in USD above 0 and at most 10,000.'],
    [priority, 'Priority must be a whole number from -10 to 10.'],
  ] as const) {
    await expect(field).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(words);
  }
  await expect(duration).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).not.toHaveAttribute(
    'aria-invalid',
  );
  // Fixing one clears only its own message.
  await duration.fill('60');
  await expect(duration).not.toHaveAttribute('aria-invalid');
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
});

test('a starting URL without a scheme is taken as https', async ({ appPage: page }) => {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Read the front page');
  await page.getByRole('textbox', { name: 'Starting URL (optional)' }).fill('example.org/news');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(detail(page).getByRole('heading', { name: 'Read the front page' })).toBeVisible();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
  await expect(detail(page)).toContainText('https://example.org/news');
  // Another scheme is still refused, in words.
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Mail someone');
  await page.getByRole('textbox', { name: 'Starting URL (optional)' }).fill('mailto:a@b.example');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('textbox', { name: 'Starting URL (optional)' }),
  ).toHaveAccessibleDescription('Starting URL must start with http:// or https://.');
});

test('a batch with a budget of −5 and 0 rows at once shows both mistakes at their fields, never raw', async ({
  appPage: page,
}) => {
  await page.getByRole('link', { name: 'Batches' }).click();
  const form = page.getByRole('form', { name: 'New batch' });
  await form
    .getByLabel('Rows (CSV with a header line, or JSON)')
    .fill('product,shop\nKettle,a.example\nToaster, 2 slots,b.example\n');
  await form.getByLabel('Prompt template').fill('Price of {{product}} on {{shop}}');
  await form.getByLabel('Batch budget (USD)').fill('-5');
  await form.getByLabel('Rows at once').fill('0');
  await form.getByRole('button', { name: 'Check rows' }).click();
  const budget = form.getByRole('textbox', { name: 'Batch budget (USD)' });
  const concurrency = form.getByRole('textbox', { name: 'Rows at once' });
  await expect(budget).toHaveAttribute('aria-invalid', 'true');
  await expect(budget).toHaveAccessibleDescription(/amount in USD above 0/);
  await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  await expect(concurrency).toHaveAccessibleDescription(/whole number from 1 to 100/);
  await expect(concurrency).toBeFocused();
  await expect(page.getByText(/settings\.|Too small/)).toHaveCount(0);

  await budget.fill('5');
  await concurrency.fill('2');
  await form.getByRole('button', { name: 'Check rows' }).click();
  const check = page.getByRole('region', { name: 'Check of the rows' });
  await expect(check.getByRole('alert')).toContainText(
    'Line 3: 3 values for 2 columns (product, shop)',
  );
  await expect(form.getByRole('button', { name: 'Start batch' })).toBeDisabled();
});
