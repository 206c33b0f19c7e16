// Issue 25.9, smaller items: right-to-left prompts are laid out by their own direction, a
// one-shot task being sent says what is happening, and a spend card past its cap says so.
import { expect, test } from './fixture';
import { compose, detail, queueRow, taskStatus } from './helpers';

test('an Arabic prompt is dir=auto in the composer, the queue and the inspector', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await expect(prompt).toHaveAttribute('dir', 'auto');
  await compose(page, 'ابحث عن سعر التذكرة');
  await expect(queueRow(page, 'ابحث عن سعر التذكرة').locator('.queue-prompt')).toHaveAttribute(
    'dir',
    'auto',
  );
  await expect(detail(page).getByRole('heading', { name: 'ابحث عن سعر التذكرة' })).toHaveAttribute(
    'dir',
    'auto',
  );
});

test('a one-shot task being sent explains why there is no browser to watch yet', async ({
  appPage: page,
}) => {
  await compose(page, 'Read the long page slowly [duration:290s]');
  // Straight to the Live tab: the sandbox runs this 290 s task in under 3 s.
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await expect(taskStatus(page)).toHaveText('Submitting');
  await expect(detail(page).getByRole('status', { name: 'Live view state' })).toContainText(
    'A one-shot task runs inside this one request',
  );
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
});

test('a spend card past its cap shows the true share, not 100 %', async ({ appPage: page }) => {
  await compose(page, 'Count the museums in Lisbon');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('textbox', { name: 'Daily cap (USD)' }).fill('0.001');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spend' }).click();
  const today = page.getByRole('group', { name: 'Today' });
  await expect(today).toContainText(/of \$0\.001 cap \(\d{3,} %, over the cap\)/);
  await expect(today).not.toContainText('(100 %)');
  // The other tests here share this app: take the cap away again.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('textbox', { name: 'Daily cap (USD)' }).fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('textbox', { name: 'Daily cap (USD)' })).toHaveValue('');
});

test('the queue filters by status and clears finished tasks (with Undo), which stay in History', async ({
  appPage: page,
}) => {
  await compose(page, 'Finished one');
  await expect(queueRow(page, 'Finished one')).toContainText('Completed', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Still waiting');
  const rows = page.getByRole('list', { name: 'Tasks' }).getByRole('listitem');
  const show = page.getByRole('combobox', { name: 'Show' });
  await show.selectOption('Waiting and running');
  await expect(queueRow(page, 'Still waiting')).toBeVisible();
  await expect(queueRow(page, 'Finished one')).toHaveCount(0);
  await show.selectOption('Finished');
  await expect(queueRow(page, 'Finished one')).toBeVisible();
  await expect(queueRow(page, 'Still waiting')).toHaveCount(0);
  await show.selectOption('All tasks');
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await expect(queueRow(page, 'Finished one')).toHaveCount(0);
  await expect(queueRow(page, 'Still waiting')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(queueRow(page, 'Finished one')).toBeVisible();
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await page.reload();
  await expect(queueRow(page, 'Still waiting')).toBeVisible();
  await expect(queueRow(page, 'Finished one')).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThan(0);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'History' })
    .click();
  await expect(page.getByText('Finished one').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await page.getByRole('button', { name: 'Resume queue' }).click();
});

test('a history column sorts from anywhere in its header cell, not only its label', async ({
  appPage: page,
}) => {
  await compose(page, 'Sortable task');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'History' })
    .click();
  const header = page.getByRole('columnheader', { name: 'Prompt' });
  await expect(header).toHaveAttribute('aria-sort', 'none');
  const box = (await header.boundingBox())!;
  // Near the right edge of the cell, well past the word "Prompt".
  await page.mouse.click(box.x + box.width - 6, box.y + box.height / 2);
  await expect(header).not.toHaveAttribute('aria-sort', 'none');
});

test('the Sessions view says what each session ran, links to its tasks, and when it ended', async ({
  appPage: page,
}) => {
  await page.locator('summary', { hasText: 'Options' }).click();
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('session');
  await compose(page, 'Browse the museum shop');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 15_000 });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Sessions' })
    .click();
  const row = page.getByRole('table', { name: 'Sessions' }).getByRole('row').nth(1);
  await expect(row).toContainText('Browse the museum shop');
  await expect(row).toContainText(/Ended/, { timeout: 15_000 });
  await row.getByRole('link', { name: 'Tasks in history' }).click();
  await expect(page).toHaveURL(/#\/history\?session=/);
  await expect(page.getByText('Browse the museum shop').first()).toBeVisible();
});
