// The watches with the keyboard alone: reach Watches from the command bar, create a watch, run it
// now twice, open its change alert in the inbox, open the comparison, move between its sides
// with ← and →, close it with Esc, and land back where the comparison was opened. At every stop
// the focus is visible.
import { expect, test } from './fixture';
import { expectVisibleFocus, tabTo } from './keyboard-focus';
import { judged, SCHEMA, watchRow } from './watches-flow';

test('watches, an alert and the comparison: keyboard only, focus always visible', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  const goTo = async (words: string): Promise<void> => {
    // Right after load, a busy machine may not have bound the shortcut yet: press again until
    // the bar opens (never while it is open, so a press cannot close it).
    const bar = page.getByRole('combobox', { name: 'Command' });
    await expect(async () => {
      if (!(await bar.isVisible())) await page.keyboard.press('Control+k');
      await expect(bar).toBeFocused({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.keyboard.type(words);
    await page.keyboard.press('Enter');
  };

  await goTo('go to watches');
  await expect(page.getByRole('heading', { name: 'Watches' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'New watch' }), 'Tab');
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New watch' });
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await expectVisibleFocus(page, 'the name');
  await page.keyboard.type('Kettle by keys');
  await tabTo(
    page,
    form.getByRole('textbox', { name: 'Prompt (use {{name}} for a value)' }),
    'Tab',
    3,
  );
  await page.keyboard.type('Price of the kettle as JSON [drift:price:5] [duration:2s]');
  await tabTo(page, form.getByRole('textbox', { name: 'Output JSON Schema' }), 'Tab');
  await page.keyboard.type(SCHEMA);
  await tabTo(page, form.getByRole('button', { name: 'Create watch' }), 'Tab', 40);
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);

  const runNow = watchRow(page, 'Kettle by keys').getByRole('button', {
    name: 'Run Kettle by keys now',
  });
  await tabTo(page, runNow, 'Tab', 40);
  await page.keyboard.press('Enter');
  await judged(page, 'Kettle by keys', 1);
  await expect(runNow).toBeFocused();
  await page.keyboard.press('Enter');
  await judged(page, 'Kettle by keys', 2);

  await goTo('go to inbox');
  const open = page.getByRole('button', { name: 'Open the comparison for Kettle by keys' });
  await tabTo(page, open, 'Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Compare runs' });
  await expect(dialog.getByRole('table', { name: 'Changed key paths' })).toContainText('price');
  const before = dialog.getByRole('region', { name: 'Before: visited domains' });
  const after = dialog.getByRole('region', { name: 'After: visited domains' });
  await tabTo(page, before, 'Tab');
  await page.keyboard.press('ArrowRight');
  await expect(after).toBeFocused();
  await expectVisibleFocus(page, 'the after side');
  await page.keyboard.press('ArrowLeft');
  await expect(before).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await expectVisibleFocus(page, 'back on the alert');
});
