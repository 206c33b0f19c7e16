// Issue 25.1: a half-written task survives a view change and a reload, in this window, and
// leaves only when it is sent or discarded (with Undo).
import { expect, test } from './fixture';
import { openView } from './helpers';

test('prompt, URL and options survive History and back, and a reload; sending clears them', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  const url = page.getByRole('textbox', { name: 'Starting URL (optional)' });
  await prompt.fill('Find the price of the blue kettle');
  await url.fill('https://shop.example');
  await page.locator('summary', { hasText: 'Options' }).click();
  await page.getByLabel('Max duration (s)').fill('120');

  await openView(page, 'History');
  await openView(page, 'Queue');
  await expect(prompt).toHaveValue('Find the price of the blue kettle');
  await expect(url).toHaveValue('https://shop.example');
  await expect(page.getByLabel('Options not at their defaults')).toContainText('max 120 s');

  await page.reload();
  await expect(prompt).toHaveValue('Find the price of the blue kettle');
  await expect(url).toHaveValue('https://shop.example');
  await expect(page.getByLabel('Options not at their defaults')).toContainText('max 120 s');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(prompt).toHaveValue('');
  await page.reload();
  await expect(prompt).toHaveValue('');
  await expect(url).toHaveValue('');
});

test('Discard draft empties the composer for good, and Undo brings it back', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('A draft I will throw away');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(prompt).toHaveValue('');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(prompt).toHaveValue('A draft I will throw away');
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.reload();
  await expect(prompt).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);
});

test('a corrupt stored draft is ignored, not fatal', async ({ appPage: page }) => {
  await page.evaluate(() =>
    // Runs in the page; the node project's types have no DOM, hence the cast.
    (
      globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
    ).sessionStorage.setItem(
      'webrun-desk.composer-draft.v1',
      JSON.stringify({ form: { prompt: 42, startingUrl: 'https://kept.example', tags: ['x'] } }),
    ),
  );
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Task', exact: true })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Starting URL (optional)' })).toHaveValue(
    'https://kept.example',
  );
});
