// Bug: a paused queue said "0 waiting" with two tasks queued; the counts were sent only when
// something was dispatched, so tasks queued (or cancelled) meanwhile did not count.
import { expect, test } from './fixture';
import { compose, queueRow } from './helpers';

test('a paused queue says how many tasks wait, and the count follows cancel and resume', async ({
  appPage: page,
}) => {
  const queue = page.getByRole('status', { name: 'Queue status' });
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await expect(queue).toContainText('Paused');
  await compose(page, 'First task held by the pause');
  await compose(page, 'Second task held by the pause');
  await expect(queue).toContainText('2 waiting');
  await queueRow(page, 'Second task held by the pause')
    .getByRole('button', { name: 'Cancel' })
    .click();
  await expect(queue).toContainText('1 waiting');
  await page.getByRole('button', { name: 'Resume queue' }).click();
  await expect(queueRow(page, 'First task held by the pause')).toContainText('Completed', {
    timeout: 45_000,
  });
  await expect(queue).toContainText('0 waiting');
  await expect(queue).toContainText('0 running');
});
