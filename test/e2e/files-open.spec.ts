import { expect, test } from './fixture';
import { compose, detail, taskStatus } from './helpers';

test('a downloaded file opens from the local copy the app serves, with the link it came from', async ({
  appPage: page,
  context,
}) => {
  await compose(page, 'Export the price list [files:1]');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await detail(page).getByRole('tab', { name: 'Files' }).click();
  const files = detail(page).getByRole('table', { name: 'Files' });
  const open = files.getByRole('button', { name: /^Open / });
  await expect(open).toBeVisible({ timeout: 30_000 });
  const name = (await open.getAttribute('aria-label'))!.replace(/^Open /, '');
  await expect(files.getByRole('link', { name: `Source of ${name}` })).toHaveAttribute(
    'href',
    /^http:\/\/127\.0\.0\.1:\d+\/files\/download\//,
  );

  // What opens is the app's local copy (GET /files/<task>/<name>, token-checked), not WebRun's link.
  const served: string[] = [];
  page.on('request', (r) => served.push(new URL(r.url()).pathname));
  const popup = context.waitForEvent('page');
  await open.click();
  const tab = await popup;
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(/^blob:/);
  await expect(tab.locator('body')).not.toBeEmpty();
  expect(
    served.filter((p) => p.startsWith('/files/') && p.endsWith(`/${encodeURIComponent(name)}`)),
  ).toHaveLength(1);
  await tab.close();
});
