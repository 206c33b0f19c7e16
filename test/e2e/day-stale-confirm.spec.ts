// Issue 25.6: a Stop confirmation left open while its task completes says the task has ended,
// offers only Close, and answering it shows no error.
import { expect, test } from './fixture';
import { compose, detail, taskStatus } from './helpers';

test('Stop’s dialog follows its task: once it completes, the dialog says so and nothing errs', async ({
  appPage: page,
}) => {
  await compose(page, 'Read the museum’s opening hours [duration:250s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 10_000 });
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await detail(page).getByRole('button', { name: 'Stop', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('WebRun stops the agent now');
  // The person looks at the confirm button, and meanwhile the task completes.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Stop task' })).toBeFocused();
  await expect(dialog).toHaveAccessibleName(
    '“Read the museum’s opening hours [duration:250s]” has ended',
    {
      timeout: 15_000,
    },
  );
  await expect(dialog).toContainText('It ended (Completed) while this was open');
  await expect(dialog).toContainText(/It cost \$\d/);
  await expect(dialog.getByRole('button', { name: 'Stop task' })).toHaveCount(0);
  const close = dialog.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Completed');
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert')).toHaveCount(
    0,
  );
});
