import { expect, test } from './fixture';

test('a new user runs a first task on the sandbox and sees its result and cost', async ({
  appPage: page,
}) => {
  // The token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByRole('note', { name: 'Sandbox notice' })).toContainText(
    'Simulated results',
  );
  await expect(page.getByRole('note', { name: 'Sandbox notice' })).toContainText('WEBRUN_API_KEY');
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Live');

  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Find the opening hours of the Louvre');
  await page
    .getByRole('textbox', { name: 'Starting URL (optional)' })
    .fill('https://www.louvre.fr');
  await page.getByRole('button', { name: 'Run' }).click();

  const detail = page.getByRole('region', { name: 'Task detail' });
  await expect(detail.getByRole('status', { name: 'Task status' })).toHaveText('Completed', {
    timeout: 45_000,
  });
  await expect(detail.getByRole('tabpanel', { name: 'Result' })).not.toHaveText(
    /Waiting for the agent/,
  );
  await expect(detail.getByTestId('task-cost')).toHaveText(/^\$\d+\.\d+$/);
  const row = page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('button', { name: /Find the opening hours of the Louvre/ });
  await expect(row).toContainText('Completed');
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
});

test('Ctrl+Enter runs, and bad input gets a clear message without losing what was typed', async ({
  appPage: page,
}) => {
  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Check the price of a train ticket');
  await page.getByRole('textbox', { name: 'Starting URL (optional)' }).fill('not a url');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alert')).toContainText('Starting URL');
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue(
    'Check the price of a train ticket',
  );

  await page.getByRole('textbox', { name: 'Starting URL (optional)' }).fill('');
  await page.getByRole('textbox', { name: 'Task', exact: true }).press('Control+Enter');
  const detail = page.getByRole('region', { name: 'Task detail' });
  await expect(
    detail.getByRole('heading', { name: 'Check the price of a train ticket' }),
  ).toBeVisible();
  await expect(detail.getByRole('status', { name: 'Task status' })).toHaveText('Completed', {
    timeout: 45_000,
  });
});

test('a failed task shows why it failed', async ({ appPage: page }) => {
  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Open the slow site [fail:NAVIGATION_TIMEOUT]');
  await page.getByRole('button', { name: 'Run' }).click();
  const detail = page.getByRole('region', { name: 'Task detail' });
  await expect(detail.getByRole('status', { name: 'Task status' })).toHaveText('Failed', {
    timeout: 45_000,
  });
  await expect(detail.getByRole('alert')).toContainText('NAVIGATION_TIMEOUT');
});
