import { expect, test } from './fixture';
import { detail, taskStatus } from './helpers';

const SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    hotels: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          price: { type: 'number' },
          stars: { type: 'integer' },
        },
      },
    },
  },
});

test('structured JSON output is shown as a table', async ({ appPage: page }) => {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('List hotels in Lisbon');
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Output' }).selectOption('structured_json');
  await page.getByRole('textbox', { name: 'JSON Schema' }).fill(SCHEMA);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });

  const table = detail(page).getByRole('table', { name: 'Result table' });
  await expect(table.getByRole('columnheader')).toHaveText(['name', 'price', 'stars']);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(detail(page).getByRole('button', { name: 'Download result' })).toBeVisible();
});

test('structured CSV output is shown as a table with the chosen columns', async ({
  appPage: page,
}) => {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Export train times');
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Output' }).selectOption('structured_csv');
  await page
    .getByRole('textbox', { name: 'CSV columns (comma-separated)' })
    .fill('train, departs, price');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(
    detail(page).getByRole('table', { name: 'Result table' }).getByRole('columnheader'),
  ).toHaveText(['train', 'departs', 'price']);
});
