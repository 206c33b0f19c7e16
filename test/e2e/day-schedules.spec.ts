// Issue 25.8: schedules written in words. Presets, a plain sentence turned into cron (and its
// zone), a zone found by its city, and every time shown with its zone.
import { expect, test } from './fixture';
import { openView } from './helpers';

test('a preset, "every day at 9:00 in Paris", and "Paris" as a zone; next runs say their zone', async ({
  appPage: page,
}) => {
  await openView(page, 'Environments');
  await page.getByRole('textbox', { name: 'Name' }).fill('Work');
  await page.getByRole('button', { name: 'Create environment' }).click();
  await openView(page, 'Schedules');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  const cron = form.getByRole('textbox', { name: 'Cron expression' });
  const zone = form.getByRole('combobox', { name: /^Time zone/ });
  const words = form.getByRole('textbox', { name: 'In words' });

  await form.getByRole('combobox', { name: 'Preset' }).selectOption('Every weekday at 9:00');
  await expect(cron).toHaveValue('0 9 * * 1-5');

  await words.fill('every day at 9:00 in Paris');
  await expect(cron).toHaveValue('0 9 * * *');
  await expect(zone).toHaveValue('Europe/Paris');
  const preview = form.getByRole('status', { name: 'Schedule in words' });
  await expect(preview).toContainText('every day at 09:00');
  await expect(preview).toContainText('09:00 (Europe/Paris)');

  await words.fill('whenever it rains');
  await expect(words).toHaveAttribute('aria-invalid', 'true');
  await expect(words).toHaveAccessibleDescription(/Write it as “every weekday at 9:00”/);
  await words.fill('');

  // A city is a zone; a place that is none says so beside the field.
  await zone.fill('Atlantis');
  await zone.blur();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zone).toHaveAccessibleDescription(/No time zone is called “Atlantis”/);
  await zone.fill('Paris');
  await zone.blur();
  await expect(zone).toHaveValue('Europe/Paris');
  await expect(zone).not.toHaveAttribute('aria-invalid');

  await form.getByRole('textbox', { name: 'Name' }).fill('Morning prices');
  await form
    .getByRole('combobox', { name: 'Environment (required)' })
    .selectOption({ label: 'Work (empty)' });
  await form.getByRole('textbox', { name: 'Task' }).fill('Check the kettle price');
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({
    hasText: 'Morning prices',
  });
  // The sandbox runs time fast, so the moment differs; its zone is always named.
  await expect(row).toContainText(/\d{2}:\d{2} \(Europe\/Paris\)/);
});
