import { expect, test } from './fixture';
import { detail, taskStatus } from './helpers';

test('files are uploaded when chosen and attached to the task; a file over 1.4 MB gets a clear message', async ({
  appPage: page,
}) => {
  await page.getByText('Options').click();
  const chooser = page.getByLabel('Attach files (up to about 1.4 MB each)');
  await chooser.setInputFiles({
    name: 'huge.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(1_500_000, 1),
  });
  await expect(page.getByRole('alert')).toContainText(
    '“huge.bin” (1.5 MB) is too large: a file can be at most about 1.4 MB',
  );

  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/files.upload'));
  await chooser.setInputFiles([
    { name: 'guests.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nAda\nGrace\n') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Bring the list.') },
  ]);
  await uploaded;
  const list = page.getByRole('list', { name: 'Attached files' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: 'Remove notes.txt' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await page
    .getByRole('textbox', { name: 'Task', exact: true })
    .fill('Invite the guests in the attached list');
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/tasks.create'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const body = JSON.parse((await sent).postData() ?? '{}') as { options?: { files?: string[] } };
  expect(body.options?.files).toHaveLength(1);
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await expect(detail(page).getByRole('definition').filter({ hasText: /^1$/ })).toBeVisible();
});
