// Watches as a person uses them: the editor refuses bad input (an invalid cron, a JSON Schema
// that is not JSON or does not compile, a bad regular expression) beside the field and loses
// nothing; a watch on a drifting price is run now twice, its change alert waits in the inbox and
// opens the comparison; the comparison also opens from two ticked runs and from a task.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { confirmation, detail, expectConfirmationKeeps, openView } from './helpers';
import { createDriftWatch, inboxLink, runNowAndJudge, SCHEMA, watchRow } from './watches-flow';

const invalidField = (page: Page, name: string) =>
  page.getByRole('form', { name: 'New watch' }).getByRole('textbox', { name, exact: true });

test('the editor says what is wrong beside each field and keeps what was typed', async ({
  appPage: page,
}) => {
  await openView(page, 'Watches');
  await expect(page.getByText(/No watches yet/)).toBeVisible();
  await page.getByRole('button', { name: 'New watch' }).click();
  const form = page.getByRole('form', { name: 'New watch' });
  await expect(invalidField(page, 'Name')).toBeFocused();
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form.getByText('Name the watch.')).toBeVisible();
  await expect(form.getByText('Describe the task: the prompt is empty.')).toBeVisible();
  await expect(invalidField(page, 'Name')).toBeFocused();

  await invalidField(page, 'Name').fill('Kettle');
  await invalidField(page, 'Prompt (use {{name}} for a value)').fill('Price of the kettle');
  await invalidField(page, 'Output JSON Schema').fill('{"type":');
  await form.getByRole('combobox', { name: 'Runs', exact: true }).selectOption('cron');
  await invalidField(page, 'Cron expression').fill('61 25 * *');
  await form.getByRole('button', { name: 'Add check' }).click();
  await form.getByRole('combobox', { name: 'Check 1' }).selectOption('pattern');
  await invalidField(page, 'Key path').fill('name');
  await invalidField(page, 'Pattern (regular expression)').fill('([');
  await form.getByRole('button', { name: 'Add check' }).click();
  await form.getByRole('combobox', { name: 'Check 2' }).selectOption('schema');
  await invalidField(page, 'JSON Schema (empty: the output’s own)').fill('{"type": nope}');
  await expect(invalidField(page, 'Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form.getByText(/The JSON Schema is not valid JSON/).first()).toBeVisible();
  await expect(form.getByText('Pattern: Not a valid regular expression.')).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: /fields need attention/ })).toBeVisible();
  // Nothing typed is lost.
  await expect(invalidField(page, 'Name')).toHaveValue('Kettle');
  await expect(invalidField(page, 'Cron expression')).toHaveValue('61 25 * *');
  await expect(invalidField(page, 'Pattern (regular expression)')).toHaveValue('([');

  // Fixed one by one; a schema that is JSON but not a schema is the core's refusal, in words.
  await invalidField(page, 'Output JSON Schema').fill(SCHEMA);
  await invalidField(page, 'Cron expression').fill('0 9 * * 1-5');
  await invalidField(page, 'Pattern (regular expression)').fill('^K');
  await invalidField(page, 'JSON Schema (empty: the output’s own)').fill('{"type":"nope"}');
  await expect(form.getByRole('status', { name: 'Schedule in words' })).toContainText('Runs');
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(
    form.getByRole('alert').filter({ hasText: /Not saved: .*JSON Schema is not valid/ }),
  ).toBeVisible();
  await form.getByRole('button', { name: 'Remove check 2' }).click();
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form).toHaveCount(0);
  await expect(watchRow(page, 'Kettle')).toContainText('not run yet');

  // Edit: the form holds the watch as saved; a new schedule is saved and said in words.
  await watchRow(page, 'Kettle').getByRole('button', { name: 'Edit Kettle' }).click();
  const edit = page.getByRole('form', { name: 'Edit watch Kettle' });
  await expect(edit.getByRole('textbox', { name: 'Cron expression' })).toHaveValue('0 9 * * 1-5');
  await expect(edit.getByRole('textbox', { name: 'Pattern (regular expression)' })).toHaveValue(
    '^K',
  );
  await edit.getByRole('combobox', { name: 'Runs', exact: true }).selectOption('every');
  await edit.getByRole('textbox', { name: 'Interval (30m, 2h, 1d)' }).fill('2h');
  await edit.getByRole('button', { name: 'Save watch' }).click();
  await expect(edit).toHaveCount(0);
  await expect(watchRow(page, 'Kettle')).toContainText('every 2 hours');

  // Pause, resume; delete is confirmed, names what goes, and keeps it by default.
  await watchRow(page, 'Kettle').getByRole('button', { name: 'Pause Kettle' }).click();
  await expect(watchRow(page, 'Kettle')).toContainText('paused');
  await expect(
    watchRow(page, 'Kettle').getByRole('button', { name: 'Run Kettle now' }),
  ).toBeDisabled();
  await watchRow(page, 'Kettle').getByRole('button', { name: 'Resume Kettle' }).click();
  await expect(watchRow(page, 'Kettle')).toContainText('active');
  const del = watchRow(page, 'Kettle').getByRole('button', { name: 'Delete Kettle' });
  await expectConfirmationKeeps(page, del, 'Delete “Kettle”?', 'stay in your history');
  await expect(watchRow(page, 'Kettle')).toBeVisible();
  await del.click();
  await confirmation(page, 'Delete “Kettle”?')
    .getByRole('button', { name: 'Delete watch' })
    .click();
  await expect(watchRow(page, 'Kettle')).toHaveCount(0);
});

test('a drifting price: two runs, a change alert in the inbox, the comparison side by side', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  await createDriftWatch(page, 'Kettle price');
  await runNowAndJudge(page, 'Kettle price', 1);
  await expect(watchRow(page, 'Kettle price')).toContainText('pass');
  await runNowAndJudge(page, 'Kettle price', 2);
  await expect(watchRow(page, 'Kettle price')).toContainText('changed');
  await expect(inboxLink(page)).toHaveAccessibleName(/1 watch alert waiting/);

  await inboxLink(page).click();
  const alert = page.getByRole('listitem', { name: 'Changed: Kettle price' });
  await expect(alert).toContainText('price');
  await alert.getByRole('button', { name: 'Open the comparison for Kettle price' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare runs' });
  const keys = dialog.getByRole('table', { name: 'Changed key paths' });
  await expect(keys.getByRole('rowheader', { name: 'price' })).toBeVisible();
  await expect(
    dialog.getByRole('table', { name: 'Cost, tokens, duration and steps' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await alert.getByRole('button', { name: 'Dismiss the alert for Kettle price' }).click();
  await expect(alert).toHaveCount(0);
  await expect(inboxLink(page)).not.toHaveAccessibleName(/watch alert/);

  // From the watch's runs: tick two, compare.
  await openView(page, 'Watches');
  await page.getByRole('button', { name: 'Show runs of Kettle price' }).click();
  const runs = page.getByRole('region', { name: 'Runs of Kettle price' });
  const picks = runs.getByRole('checkbox');
  await expect(picks).toHaveCount(2);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await runs.getByRole('button', { name: 'Compare the two ticked' }).click();
  await expect(dialog.getByRole('table', { name: 'Changed key paths' })).toContainText('price');
  // …and from the run itself, in the history: "Compare with previous run".
  await dialog.getByRole('button', { name: 'Open the after run' }).click();
  await expect(dialog).toBeHidden();
  await detail(page).getByRole('button', { name: 'Compare with previous run' }).click();
  await expect(dialog.getByRole('table', { name: 'Changed key paths' })).toContainText('price');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
});

test('a failed check is an inbox alert that opens its run', async ({ appPage: page }) => {
  await createDriftWatch(page, 'Capped price', '1');
  await runNowAndJudge(page, 'Capped price', 1);
  await expect(watchRow(page, 'Capped price')).toContainText('fail');
  await inboxLink(page).click();
  const alert = page.getByRole('listitem', { name: 'Check failed: Capped price' });
  await expect(alert).toContainText('price');
  await alert.getByRole('button', { name: 'Open the run of Capped price' }).click();
  await expect(page).toHaveURL(/#\/history/);
  await expect(
    detail(page).getByRole('button', { name: 'Compare with previous run' }),
  ).toBeVisible();
});
