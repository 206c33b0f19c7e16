// Issue 25.2 and 25.5: the command bar never spends money or holds the queue on a bare Enter,
// fills a template's {{placeholders}} in a form first, puts "Go to" a view before actions
// that mention it, and reaches every view.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { detail, openView } from './helpers';

const bar = (page: Page) => page.getByRole('dialog', { name: 'Command bar' });
const field = (page: Page) => bar(page).getByRole('combobox', { name: 'Command' });
const selected = (page: Page) => bar(page).getByRole('option', { selected: true });

async function type(page: Page, text: string): Promise<void> {
  // Ctrl+K opens nothing over another dialog: wait for the last one to have closed.
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await expect(field(page)).toBeFocused();
  await field(page).fill(text);
}

test('a template with placeholders opens a fill-in form; it is never sent unfilled', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('Find the price of {{product}} on {{shop}}');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Price check');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  // The composer itself refuses to send the blanks.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Fill in {{product}}, {{shop}}');
  await expect(prompt).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Discard draft' }).click();

  await type(page, 'price check');
  await expect(selected(page)).toHaveText(/Run template “Price check”/);
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Run template “Price check”' });
  await expect(form.getByRole('textbox', { name: 'product' })).toBeFocused();
  // Enter with blanks left: each blank says so beside its field, nothing is sent.
  await page.keyboard.press('Enter');
  await expect(form.getByRole('textbox', { name: 'product' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(form.getByRole('textbox', { name: 'shop' })).toHaveAttribute('aria-invalid', 'true');
  await expect(form).toContainText('Fill in “shop”.');
  await expect(page.getByRole('list', { name: 'Tasks' }).getByRole('listitem')).toHaveCount(0);

  await form.getByRole('textbox', { name: 'product' }).fill('a blue kettle');
  await form.getByRole('textbox', { name: 'shop' }).fill('shop.example');
  await expect(form).toContainText('Find the price of a blue kettle on shop.example');
  await form.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(
    detail(page).getByRole('heading', { name: 'Find the price of a blue kettle on shop.example' }),
  ).toBeVisible();
});

test('"queue" + Enter goes to the Queue; pausing asks first and Enter keeps running', async ({
  appPage: page,
}) => {
  await openView(page, 'History');
  await expect(page).toHaveURL(/#\/history/);
  await type(page, 'queue');
  await expect(selected(page)).toHaveText('Go to Queue');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/queue$/);
  await expect(page.getByRole('status', { name: 'Queue status' })).not.toContainText('Paused');

  await type(page, 'pause');
  await expect(selected(page)).toHaveText('Pause the queue');
  await page.keyboard.press('Enter');
  const ask = page.getByRole('alertdialog', { name: 'Pause the whole queue?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByRole('status', { name: 'Queue status' })).not.toContainText('Paused');
});

test('"Go to" reaches Schedules and Environments', async ({ appPage: page }) => {
  await type(page, 'schedules');
  await expect(selected(page)).toHaveText('Go to Schedules');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/schedules$/);
  await type(page, 'environments');
  await expect(selected(page)).toHaveText('Go to Environments');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/environments$/);
});
