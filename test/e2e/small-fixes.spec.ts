// The smaller things a new user hit: a raw "prompt:" error that stayed after the field was
// cleared, errors not tied to their field, no favicon.
import { expect, test } from './fixture';

test('a too-long prompt is refused in words, tied to the field, and the error goes when the field is cleared', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('x'.repeat(100_001));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const error = page.getByRole('form', { name: 'New task' }).getByRole('alert');
  await expect(error).toHaveText(/^The prompt is too long/);
  await expect(error).not.toContainText('prompt:');
  const id = await error.getAttribute('id');
  expect(id).toBeTruthy();
  await expect(prompt).toHaveAttribute('aria-describedby', id!);
  await expect(prompt).toHaveAttribute('aria-invalid', 'true');
  await prompt.fill('');
  await expect(error).toHaveCount(0);
  await expect(prompt).not.toHaveAttribute('aria-describedby');
});

test('settings errors are tied to their field', async ({ appPage: page }) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  const field = page.getByRole('textbox', { name: 'Tasks at once' });
  await field.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const error = page.getByRole('form', { name: 'Runner and budget settings' }).getByRole('alert');
  await expect(error).toContainText('Tasks at once must be');
  await expect(field).toHaveAttribute('aria-describedby', (await error.getAttribute('id'))!);
  await expect(page.getByRole('textbox', { name: 'Daily cap (USD)' })).not.toHaveAttribute(
    'aria-describedby',
  );
});

test('the app has a favicon', async ({ appPage: page, request }) => {
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(new URL(href!, page.url()).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg');
});
