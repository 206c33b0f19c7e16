// Every schedule time names its zone (issue 25): in a browser in New York, a one-off run "at
// 09:00" with Paris chosen is 09:00 in Paris (not in New York), the next run and each run's
// start are shown in the schedule's zone with the zone named and the local time beside them,
// and editing shows the time as it was entered.
import { expect, test } from './fixture';
import { callApi } from './api';
import { openView } from './helpers';

test.use({ timezoneId: 'America/New_York' });

test("a schedule's run times are in its own zone, named, with the local time beside them", async ({
  app,
  page,
}) => {
  await callApi(app, 'environments.create', { name: 'Paris office' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await openView(page, 'Schedules');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Paris opening');
  await form
    .getByRole('combobox', { name: 'Environment (required)' })
    .selectOption({ label: 'Paris office (empty)' });
  await form.getByRole('textbox', { name: 'Task' }).fill('Check the opening hours');
  await form.getByRole('combobox', { name: 'Runs' }).selectOption('at');
  const zone = form.getByRole('combobox', { name: /^Time zone/ });
  await zone.fill('Paris');
  await zone.blur();
  await expect(zone).toHaveValue('Europe/Paris');
  const at = form.getByLabel('Date and time, in Europe/Paris (the zone below)');
  await at.fill('2030-01-15T09:00');
  await expect(form.getByRole('status', { name: 'Schedule in words' })).toContainText(
    'once at 2030-01-15 09:00 Europe/Paris',
  );
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toHaveCount(0);

  // 09:00 in Paris in January is 08:00 UTC (03:00 in New York), whatever the browser's zone.
  const [created] = await callApi<{ scheduleAt: string | null }[]>(app, 'triggers.list');
  expect(created!.scheduleAt).toBe('2030-01-15T08:00:00.000Z');
  const row = page
    .getByRole('table', { name: 'Schedules' })
    .getByRole('row')
    .filter({ hasText: 'Paris opening' });
  await expect(row).toContainText('once at 2030-01-15 09:00 Europe/Paris');
  // The next run (the sandbox's, on its compressed clock) in Paris time, and New York's beside it.
  await expect(row.getByRole('cell').nth(2)).toHaveText(
    /^\w{3} \d{1,2} \w{3}, \d\d:\d\d \(Europe\/Paris\) here: \w{3} \d{1,2} \w{3}, \d\d:\d\d \(America\/New_York\)$/,
  );

  await row.getByRole('button', { name: 'Run Paris opening now' }).click();
  await row.getByRole('button', { name: 'Show runs of Paris opening' }).click();
  const runs = page.getByRole('complementary', { name: 'Runs of Paris opening' });
  const first = runs
    .getByRole('table', { name: 'Recent runs of Paris opening' })
    .getByRole('row')
    .nth(1);
  await expect(async () => {
    await page.getByRole('button', { name: 'Import runs now' }).click();
    await expect(first).toContainText('(Europe/Paris)', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(first).toContainText(/\(Europe\/Paris\) here: .*\(America\/New_York\)/);

  for (const size of [
    { width: 1024, height: 640 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/schedule-zones-${size.width}-${theme}.png`,
      });
    }
  }

  await row.getByRole('button', { name: 'Edit Paris opening' }).click();
  const edit = page.getByRole('form', { name: 'Edit schedule Paris opening' });
  await expect(edit.getByLabel('Date and time, in Europe/Paris (the zone below)')).toHaveValue(
    '2030-01-15T09:00',
  );
});
