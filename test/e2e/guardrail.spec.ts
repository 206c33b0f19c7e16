import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, detail, queueRow, taskStatus } from './helpers';

// A slower clock than the other specs: an unanswered question expires after 5 simulated
// minutes, which must leave a person (and this test) time to answer.
test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const SECRET = 'hunter2-very-secret';
const question = (page: Page) => page.getByRole('dialog', { name: 'The agent has a question' });

test('a question is answered from the modal; the answer never stays on the page', async ({
  appPage: page,
}) => {
  await compose(page, 'Check my library loans [guardrail:I need login credentials] [duration:20s]');
  const dialog = question(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('Question')).toHaveText('I need login credentials');
  await expect(dialog).toContainText('Check my library loans');
  const field = dialog.getByLabel('Your answer');
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toBeFocused();
  await field.fill(SECRET);
  await field.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: /^Inbox, 0 questions waiting/ })).toBeVisible();
  await queueRow(page, 'Check my library loans')
    .getByRole('button', { name: /Check my library loans/ })
    .click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 60_000 });
  expect(await page.content()).not.toContain(SECRET);
  for (const input of await page.locator('input').all())
    expect(await input.inputValue()).not.toContain(SECRET);
});

test('Esc closes the modal without answering; the inbox answers one question and keeps the other', async ({
  appPage: page,
}) => {
  await compose(page, 'Book a table for two [guardrail:Which time do you prefer?] [duration:20s]');
  await compose(
    page,
    'Renew my parking permit [guardrail:Please enter the 2FA code] [duration:20s]',
  );
  await expect(page.getByRole('link', { name: 'Inbox, 2 questions waiting' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(question(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeHidden();

  await page.getByRole('link', { name: /^Inbox/ }).click();
  const items = page.getByRole('list', { name: 'Questions waiting' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  const permit = items.filter({ hasText: 'Please enter the 2FA code' });
  await expect(permit.getByLabel('Your answer')).toHaveAttribute('type', 'password');
  await permit.getByLabel('Your answer').fill('123456');
  const table = items.filter({ hasText: 'Which time do you prefer?' });
  await expect(table.getByLabel('Your answer')).toHaveAttribute('type', 'text');
  await table.getByLabel('Your answer').fill('Eight o’clock');
  await table.getByRole('button', { name: 'Send answer' }).click();

  await expect(items).toHaveCount(1);
  await expect(permit.getByLabel('Your answer')).toHaveValue('123456');
  await expect(page.getByRole('link', { name: 'Inbox, 1 question waiting' })).toBeVisible();
  await permit.getByRole('button', { name: 'Send answer' }).click();
  await expect(items).toHaveCount(0);
  await expect(page.getByText('No questions waiting')).toBeVisible();
});

test('"Stop task" in the modal stops the task', async ({ appPage: page }) => {
  await compose(
    page,
    'Buy the concert tickets [guardrail:Do you want me to complete this purchase? The total is $49.99] [duration:20s]',
  );
  const dialog = question(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('Your answer')).toHaveAttribute('type', 'text');
  await dialog.getByRole('button', { name: 'Stop task' }).click();
  await confirm(page, 'Stop task');
  await expect(dialog).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Stopped', { timeout: 30_000 });
  await expect(
    detail(page).getByRole('button', { name: 'Run again with the same inputs' }),
  ).toBeVisible();
});
