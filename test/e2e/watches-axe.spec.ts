// The Watches view, its editor, its alert in the inbox and the comparison held to axe-core (no critical, serious or
// moderate violation) in light and dark, at 1024×640 and 1400×900, with a screenshot of each
// under test-results/screenshots/axe-watches-* for a person to look at.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { audit, auditEverywhere, setTheme, SIZES } from './axe-audit';
import { openView } from './helpers';
import { createDriftWatch, runNowAndJudge } from './watches-flow';

/** The comparison is modal (the theme menu behind it is inert): the theme is set before opening. */
async function auditComparison(page: Page, openIt: () => Promise<void>): Promise<string[]> {
  const found: string[] = [];
  const dialog = page.getByRole('dialog', { name: 'Compare runs' });
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await openIt();
    await expect(dialog.getByRole('table', { name: 'Changed key paths' })).toBeVisible();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screenshots/axe-watches-compare-${width}x${height}-${theme}.png`,
      });
      for (const line of await audit(page)) found.push(`[compare ${theme} ${width}] ${line}`);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  await setTheme(page, 'light');
  return found;
}

test('watches list, editor and comparison: no violation, light and dark, both sizes', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await createDriftWatch(page, 'Kettle price');
  await runNowAndJudge(page, 'Kettle price', 1);
  await runNowAndJudge(page, 'Kettle price', 2);
  const found: string[] = [];
  found.push(...(await auditEverywhere(page, 'watches-list')));
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Inbox/ })
    .click();
  await expect(page.getByRole('listitem', { name: 'Changed: Kettle price' })).toBeVisible();
  found.push(...(await auditEverywhere(page, 'watches-inbox')));
  await openView(page, 'Watches');

  await page.getByRole('button', { name: 'New watch' }).click();
  const form = page.getByRole('form', { name: 'New watch' });
  await form.getByRole('button', { name: 'Add check' }).click();
  await form.getByRole('combobox', { name: 'Check 1' }).selectOption('pattern');
  await form.getByRole('textbox', { name: 'Pattern (regular expression)' }).fill('([');
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form.getByText('Name the watch.')).toBeVisible();
  found.push(...(await auditEverywhere(page, 'watches-editor')));
  // The editor's lower half (checks, change detection), to look at: the page scrolls in <main>.
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await form.getByRole('group', { name: 'Checks' }).scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/watches-editor-checks-${width}x${height}-${theme}.png`,
      });
    }
  }
  await setTheme(page, 'light');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await openView(page, 'Watches');
  const vsPrevious = page
    .getByRole('region', { name: 'Runs of Kettle price' })
    .getByRole('button', { name: /with the previous run/ })
    .first();
  found.push(...(await auditComparison(page, () => vsPrevious.click())));
  expect(found).toEqual([]);
});
