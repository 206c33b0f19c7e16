import { expect, test } from './fixture';
import { compose, detail, taskStatus } from './helpers';

test('N, /, j, k, Enter, Esc and ? work from the keyboard', async ({ appPage: page }) => {
  await compose(page, 'Alpha task');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Beta task');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);
  await page.keyboard.press('j');
  await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText('Beta task');
  await page.keyboard.press('j');
  await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText('Alpha task');
  await page.keyboard.press('k');
  await expect(detail(page).getByRole('heading', { level: 2 })).toHaveText('Beta task');
  await page.keyboard.press('Enter');
  await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search history' })).toBeFocused();
  await expect(page).toHaveURL(/#\/history/);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('New task');
  // Focus stays inside the dialog.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
