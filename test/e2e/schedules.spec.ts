// The Schedules view as a person uses it: create a schedule (seeing it in words as it is
// typed), edit it, run it now and see the run with its cost, pause and resume, the history
// filtered to its runs, an auto-paused one flagged with its reason, delete after confirming.
// Screenshots at two sizes, both themes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import {
  compose,
  confirm,
  confirmation,
  expectConfirmationKeeps,
  openView,
  taskStatus,
} from './helpers';

async function environment(page: Page, name: string): Promise<void> {
  await openView(page, 'Environments');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('button', { name: 'Create environment' }).click();
  await expect(page.getByRole('table', { name: 'Environments' })).toContainText(name);
}

async function newSchedule(
  page: Page,
  o: { name: string; prompt: string; every?: string; max?: string },
): Promise<void> {
  await openView(page, 'Schedules');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByRole('textbox', { name: 'Name' }).fill(o.name);
  await form
    .getByRole('combobox', { name: 'Environment (required)' })
    .selectOption({ label: 'Daily (empty)' });
  await form.getByRole('textbox', { name: 'Task' }).fill(o.prompt);
  await form.getByRole('combobox', { name: 'Runs' }).selectOption('every');
  await form.getByRole('textbox', { name: 'Interval (30m, 2h, 1d)' }).fill(o.every ?? '1d');
  if (o.max)
    await form.getByRole('spinbutton', { name: 'Pause after failures in a row' }).fill(o.max);
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toHaveCount(0);
}

const row = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({ hasText: name });

test('schedules: create with the schedule in words, edit to a cron, run now, runs with cost, pause, resume, history, delete', async ({
  appPage: page,
}) => {
  await environment(page, 'Daily');
  await openView(page, 'Schedules');
  await expect(page.getByText(/No schedules yet/)).toBeVisible();
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByRole('combobox', { name: 'Runs' }).selectOption('cron');
  await form.getByRole('textbox', { name: 'Cron expression' }).fill('not a cron');
  await expect(form.getByRole('status', { name: 'Schedule in words' })).toContainText(
    'Invalid cron expression',
  );
  await form.getByRole('textbox', { name: 'Cron expression' }).fill('0 9 * * *');
  await form.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Paris');
  await expect(form.getByRole('status', { name: 'Schedule in words' })).toContainText(
    'Runs every day at 09:00 Europe/Paris',
  );
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form.getByRole('alert')).toHaveText('Name the schedule.');
  await form.getByRole('textbox', { name: 'Name' }).fill('Kettle price');
  await form
    .getByRole('combobox', { name: 'Environment (required)' })
    .selectOption({ label: 'Daily (empty)' });
  await form
    .getByRole('textbox', { name: 'Task' })
    .fill('Check the price of the blue kettle [duration:5s]');
  await form.getByRole('button', { name: 'Create schedule' }).click();

  const kettle = row(page, 'Kettle price');
  await expect(kettle).toContainText('every day at 09:00 Europe/Paris');
  await expect(kettle).toContainText('active');
  await expect(kettle).toContainText('0 / 5');

  await kettle.getByRole('button', { name: 'Edit Kettle price' }).click();
  const edit = page.getByRole('form', { name: 'Edit schedule Kettle price' });
  await edit.getByRole('textbox', { name: 'Cron expression' }).fill('30 7 * * 1-5');
  await expect(edit.getByRole('status', { name: 'Schedule in words' })).toContainText('07:30');
  await edit.getByRole('button', { name: 'Save schedule' }).click();
  await expect(kettle).toContainText('07:30');

  await kettle.getByRole('button', { name: 'Run Kettle price now' }).click();
  await kettle.getByRole('button', { name: 'Show runs of Kettle price' }).click();
  const runs = page.getByRole('complementary', { name: 'Runs of Kettle price' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Import runs now' }).click();
    const run = runs
      .getByRole('table', { name: 'Recent runs of Kettle price' })
      .getByRole('row')
      .nth(1);
    await expect(run).toContainText('completed', { timeout: 500 });
    await expect(run.getByRole('cell', { name: /^\$\d+\.\d+$/ })).toHaveCount(1, { timeout: 500 });
    await expect(run.getByRole('cell', { name: 'imported' })).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 60_000 });

  await kettle.getByRole('button', { name: 'Pause Kettle price' }).click();
  await expect(kettle).toContainText('paused');
  await kettle.getByRole('button', { name: 'Resume Kettle price' }).click();
  await expect(kettle).toContainText('active');

  await runs.getByRole('link', { name: 'Show its runs in the history' }).click();
  await expect(page).toHaveURL(/#\/history\?trigger=/);
  await expect(page.getByRole('combobox', { name: 'Schedule' })).toHaveValue(/[a-f0-9]{24}/);
  await expect(
    page.getByText('Check the price of the blue kettle [duration:5s]').first(),
  ).toBeVisible();

  await openView(page, 'Schedules');
  // The shared confirmation: the safe choice has the focus, so Esc and Enter keep it.
  const remove = kettle.getByRole('button', { name: 'Delete Kettle price' });
  await expectConfirmationKeeps(
    page,
    remove,
    'Delete “Kettle price”?',
    'runs already imported stay in your history',
  );
  await expect(kettle).toHaveCount(1);
  await remove.click();
  await confirm(page, 'Delete schedule');
  await expect(kettle).toHaveCount(0);
});

test('an auto-paused schedule is flagged with its reason; a schedule starts from a past task', async ({
  appPage: page,
}) => {
  await environment(page, 'Daily');
  // Every simulated minute: 0.6 real seconds at this sandbox's time scale.
  await newSchedule(page, {
    name: 'Broken page',
    prompt: 'Open the page [fail:PAGE_CRASH] [duration:5s]',
    every: '1m',
    max: '2',
  });
  const broken = row(page, 'Broken page');
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(broken.getByRole('note', { name: 'Why Broken page is paused' })).toHaveText(
      '⚠ Paused automatically after 2 consecutive failures',
      { timeout: 500 },
    );
  }).toPass({ timeout: 60_000 });
  await expect(broken).toContainText('2 / 2');

  await openView(page, 'Queue');
  await compose(page, 'Find the opening hours of the Louvre');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await openView(page, 'Schedules');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  await form
    .getByRole('combobox', { name: 'Start from' })
    .selectOption({ label: 'Find the opening hours of the Louvre' });
  await expect(form.getByRole('textbox', { name: 'Task' })).toHaveValue(
    'Find the opening hours of the Louvre',
  );
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue(
    'Find the opening hours of the Louvre',
  );
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('schedules view screenshots at 1024×640 and 1400×900, light and dark', async ({
  appPage: page,
}) => {
  await environment(page, 'Daily');
  await newSchedule(page, {
    name: 'Morning prices',
    prompt: 'Check the price of the blue kettle [duration:5s]',
  });
  await row(page, 'Morning prices').getByRole('button', { name: 'Run Morning prices now' }).click();
  await row(page, 'Morning prices')
    .getByRole('button', { name: 'Show runs of Morning prices' })
    .click();
  const runs = page.getByRole('complementary', { name: 'Runs of Morning prices' });
  await expect(async () => {
    await page.getByRole('button', { name: 'Import runs now' }).click();
    await expect(runs.getByRole('cell', { name: 'imported' }).first()).toBeVisible({
      timeout: 500,
    });
  }).toPass({ timeout: 60_000 });
  await page.getByRole('button', { name: 'New schedule' }).click();
  await expect(page.getByRole('status', { name: 'Schedule in words' })).toContainText(
    'Runs every day at 09:00',
  );
  for (const [width, height] of [
    [1024, 640],
    [1400, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({
        path: `test-results/screenshots/schedules-${width}x${height}-${theme}.png`,
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Delete Morning prices' }).click();
      await expect(confirmation(page, 'Delete “Morning prices”?')).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/schedules-delete-${width}x${height}-${theme}.png`,
      });
      await page.keyboard.press('Escape');
      await expect(page.getByRole('alertdialog')).toBeHidden();
    }
  }
});
