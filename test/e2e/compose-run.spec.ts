import { expect, test } from './fixture';
import { compose, detail, queueRow, taskStatus } from './helpers';

test('a task composed with options runs, keeps its tags, and runs again with the same inputs', async ({
  appPage: page,
}) => {
  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Compare museum ticket prices');
  await page.getByText('Options').click();
  await page.getByRole('textbox', { name: 'Tags' }).fill('museums weekly');
  await page.getByRole('spinbutton', { name: 'Priority (-10 to 10)' }).fill('3');
  await page.getByRole('textbox', { name: 'Max duration (s)' }).fill('120');
  await page.getByRole('textbox', { name: 'Cost cap (USD)' }).fill('2');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(
    detail(page).getByRole('definition').filter({ hasText: 'museums, weekly' }),
  ).toBeVisible();

  await detail(page).getByRole('button', { name: 'Run again with the same inputs' }).click();
  await expect(queueRow(page, 'Compare museum ticket prices')).toHaveCount(2);
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
});

test('invalid options get a clear message and nothing typed is lost', async ({ appPage: page }) => {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Extract the menu');
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Output' }).selectOption('structured_json');
  await page.getByRole('textbox', { name: 'JSON Schema' }).fill('{not json');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue(
    'Extract the menu',
  );
  await expect(page.getByRole('textbox', { name: 'JSON Schema' })).toHaveValue('{not json');

  await page.getByRole('textbox', { name: 'Max duration (s)' }).fill('9999');
  await page.getByRole('textbox', { name: 'JSON Schema' }).fill('{"type":"object"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Max duration');
});

test('a new task is written with the mode picker, and the composer is cleared', async ({
  appPage: page,
}) => {
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('session');
  await page.getByRole('checkbox', { name: 'Keep the session open afterwards' }).check();
  await compose(page, 'Open the booking site in a session');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('followup');
  await expect(
    page.getByRole('combobox', { name: 'Open session' }).getByRole('option'),
  ).not.toHaveCount(1);
});
