// Steps a person takes again and again, written once.
import { expect, type Locator, type Page } from '@playwright/test';

export async function compose(page: Page, prompt: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
}

export function detail(page: Page) {
  return page.getByRole('region', { name: 'Task detail' });
}

export function taskStatus(page: Page) {
  return detail(page).getByRole('status', { name: 'Task status' });
}

/** A queue row (list item) by its prompt text. */
export function queueRow(page: Page, text: string | RegExp) {
  return page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: text });
}

export async function openView(
  page: Page,
  name:
    | 'Queue'
    | 'History'
    | 'Spend'
    | 'Sessions'
    | 'Environments'
    | 'Schedules'
    | 'Watches'
    | 'Settings',
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
}

/** The confirmation a destructive action asks first, by its title. */
export function confirmation(page: Page, title: string | RegExp) {
  return page.getByRole('alertdialog', { name: title });
}

/** Answers the open confirmation with its confirm button and waits for it to close. */
export async function confirm(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Opens a delete's confirmation with `opener` and checks it keeps the thing by default: it
 * names what is lost, the safe choice has the focus, Esc closes it and gives the opener its
 * focus back, and Enter keeps. Returns the (closed) dialog.
 */
export async function expectConfirmationKeeps(
  page: Page,
  opener: Locator,
  title: string,
  names: string,
): Promise<Locator> {
  await opener.click();
  const dialog = confirmation(page, title);
  await expect(dialog).toContainText(names);
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  return dialog;
}
