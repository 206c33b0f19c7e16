import { expect, test } from './fixture';
import { taskStatus } from './helpers';

test('the composer saves its inputs as a template and starts from it again', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('Weekly price check');
  await page
    .getByRole('textbox', { name: 'Starting URL (optional)' })
    .fill('https://shop.example.com');
  await page.getByText('Options').click();
  await page.getByRole('textbox', { name: 'Tags' }).fill('weekly prices');
  await page.getByRole('textbox', { name: 'Cost cap (USD)' }).fill('1.5');

  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Weekly prices');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Template “Weekly prices” saved',
  );
  // Enter saved the template; it did not run the task.
  await expect(prompt).toHaveValue('Weekly price check');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await page.getByRole('textbox', { name: 'Tags' }).fill('');
  await expect(prompt).toHaveValue('');

  await page.reload();
  await page.getByRole('combobox', { name: 'Start from template' }).selectOption('Weekly prices');
  await expect(prompt).toHaveValue('Weekly price check');
  await expect(page.getByRole('textbox', { name: 'Starting URL (optional)' })).toHaveValue(
    'https://shop.example.com',
  );
  await page.getByText('Options').click();
  await expect(page.getByRole('textbox', { name: 'Tags' })).toHaveValue('weekly, prices');
  await expect(page.getByRole('textbox', { name: 'Cost cap (USD)' })).toHaveValue('1.5');

  await page.getByRole('button', { name: 'Delete template' }).click();
  await expect(
    page.getByRole('combobox', { name: 'Start from template' }).getByRole('option'),
  ).toHaveText(['No templates yet']);
});
