// Bug: a completed task offered "Retry" in its queue row, as if it had failed. Its inspector
// offers "Run again", which opens the composer with the task's inputs, to edit before running.
import { expect, test } from './fixture';
import { callApi } from './api';
import { detail, queueRow, taskStatus } from './helpers';

test('a completed task offers Run again: the composer opens prefilled and editable', async ({
  app,
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('Compare museum ticket prices');
  await page
    .getByRole('textbox', { name: 'Starting URL (optional)' })
    .fill('https://museums.example.com/');
  await page.locator('summary', { hasText: 'Options' }).click();
  await page.getByLabel('Tags').fill('museums');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(prompt).toHaveValue('');
  const row = queueRow(page, 'Compare museum ticket prices');
  await expect(row).toContainText('Completed', { timeout: 45_000 });
  await expect(row.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  await row.getByRole('button', { name: /^Compare museum ticket prices/ }).click();
  await detail(page).getByRole('button', { name: 'Run again', exact: true }).click();
  await expect(prompt).toHaveValue('Compare museum ticket prices');
  await expect(prompt).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Starting URL (optional)' })).toHaveValue(
    'https://museums.example.com/',
  );
  await expect(page.getByLabel('Tags')).toHaveValue('museums');
  // Nothing ran yet: it waits for the person's edit.
  await expect(queueRow(page, 'Compare museum ticket prices')).toHaveCount(1);
  await prompt.fill('Compare museum ticket prices in Lisbon');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  const tasks = (
    await callApi<{ tasks: { prompt: string; tags: string[]; startingUrl: string | null }[] }>(
      app,
      'tasks.list',
      { limit: 10 },
    )
  ).tasks;
  expect(tasks.find((t) => t.prompt === 'Compare museum ticket prices in Lisbon')).toMatchObject({
    tags: ['museums'],
    startingUrl: 'https://museums.example.com/',
  });
});

test('a failed task still offers Retry', async ({ appPage: page }) => {
  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Open the broken page [fail:PAGE_CRASH]');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const row = queueRow(page, 'Open the broken page');
  await expect(row).toContainText('Failed', { timeout: 45_000 });
  await expect(row.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Run again', exact: true })).toHaveCount(0);
});
