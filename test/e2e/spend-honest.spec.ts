import { expect, test } from './fixture';
import { compose, openView, taskStatus } from './helpers';

test('spend says it is simulated, how the forecast is made, where costs come from; day, week and month views; a top task opens', async ({
  appPage: page,
}) => {
  await compose(page, 'Compare phone plans [cost:0.40]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Summarise the tenancy agreement [cost:0.10]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await openView(page, 'Spend');

  await expect(page.getByRole('note', { name: 'Simulated spend' })).toContainText(
    'nothing was billed',
  );
  // One day of data: no forecast yet, and the page says what it waits for.
  const forecast = page.getByRole('group', { name: 'Month-end forecast' });
  await expect(forecast.getByTestId('spend-month-end-forecast')).toHaveText('Not yet');
  await expect(forecast.getByLabel('How the forecast is computed')).toHaveText(
    'A forecast needs spend on at least 3 days; there is spend on 1 so far.',
  );
  await expect(page.getByRole('note', { name: 'Cost sources this month' })).toContainText(
    '$0.50 reported by the sandbox · $0.00 estimated',
  );

  const top = page.getByRole('table', { name: 'Top tasks by cost' });
  await expect(top.getByRole('row').nth(1)).toContainText(/Compare phone plans.*\$0\.40 reported/);

  const periods = page.getByRole('radiogroup', { name: 'Chart period' });
  await expect(periods.getByRole('radio', { name: 'Day' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('heading', { name: 'Daily spend (last 30 days)' })).toBeVisible();
  await periods.getByRole('radio', { name: 'Week' }).click();
  await expect(page.getByRole('heading', { name: 'Weekly spend (last 12 weeks)' })).toBeVisible();
  await expect(periods.getByRole('radio', { name: 'Week' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await periods.getByRole('radio', { name: 'Month' }).click();
  await expect(page.getByRole('heading', { name: 'Monthly spend (last 12 months)' })).toBeVisible();
  await expect(page.getByRole('img', { name: /spend over 1 / })).toBeVisible();

  await top.getByRole('button', { name: 'Summarise the tenancy agreement [cost:0.10]' }).click();
  await expect(page).toHaveURL(/#\/history/);
  await expect(
    page
      .getByRole('region', { name: 'Task detail' })
      .getByRole('heading', { name: /Summarise the tenancy agreement/ }),
  ).toBeVisible();
});
