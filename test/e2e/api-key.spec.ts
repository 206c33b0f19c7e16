import { expect, test } from './fixture';
import { openView } from './helpers';

// The e2e server keeps its data (and so secrets.json) in a temporary folder.

const KEY = 'wr_e2e_SECRET_1234567890';

test('the API key is write-only: saved after confirming the storage warning, never in the page', async ({
  appPage: page,
}) => {
  await openView(page, 'Settings');
  const section = page.getByRole('form', { name: 'WebRun API key' });
  await expect(section.getByRole('status', { name: 'API key status' })).toHaveText(
    'No key: the built-in sandbox is used.',
  );
  // The e2e server has no keychain: the warning is shown before anything is saved.
  await expect(section.getByRole('note', { name: 'Storage warning' })).toContainText('0600');

  const field = section.getByLabel('New API key');
  await expect(field).toHaveAttribute('type', 'password');
  await field.fill(KEY);
  await section.getByRole('button', { name: 'Save key' }).click();
  await expect(section.getByRole('alert')).toContainText('Confirm');
  await expect(section.getByRole('status', { name: 'API key status' })).toHaveText(
    'No key: the built-in sandbox is used.',
  );

  await field.fill(KEY);
  await section.getByRole('checkbox', { name: /I understand/ }).check();
  await section.getByRole('button', { name: 'Save key' }).click();
  await expect(section.getByRole('status', { name: 'API key status' })).toHaveText(
    'A key is set (saved).',
  );
  await expect(section.getByRole('status', { name: 'Restart needed' })).toHaveText(
    'Restart WebRun Desk to use the new key.',
  );
  await expect(field).toHaveValue('');

  expect(await page.content()).not.toContain(KEY);
  const storage = await page.evaluate(() => {
    // Runs in the page; the node project's types have no DOM, hence the cast.
    const g = globalThis as unknown as {
      localStorage: {
        length: number;
        key(i: number): string | null;
        getItem(k: string): string | null;
      };
      sessionStorage: {
        length: number;
        key(i: number): string | null;
        getItem(k: string): string | null;
      };
    };
    const dump = (s: typeof g.localStorage): string =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`).join('\n');
    return dump(g.localStorage) + dump(g.sessionStorage);
  });
  expect(storage).not.toContain(KEY);

  // A reload asks the core again: still set, still not shown.
  await page.reload();
  await expect(section.getByRole('status', { name: 'API key status' })).toHaveText(
    'A key is set (saved).',
  );
  expect(await page.content()).not.toContain(KEY);

  await section.getByRole('button', { name: 'Remove saved key' }).click();
  await expect(section.getByRole('status', { name: 'API key status' })).toHaveText(
    'No key: the built-in sandbox is used.',
  );
});
