// Bug: a task held in the queue said "Waiting for the agent…" whatever held it. It now says
// why: the queue is paused, every slot is taken, or the budget is reached.
import { expect, test } from './fixture';
import { callApi } from './api';
import { compose, confirm, detail, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const held = (page: import('@playwright/test').Page) =>
  detail(page).getByRole('status', { name: 'Why it waits' });

test('a held task says why it waits: paused queue, concurrency, budget', async ({
  app,
  appPage: page,
}) => {
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await compose(page, 'Held by the paused queue');
  await expect(taskStatus(page)).toHaveText('Queued');
  await expect(held(page)).toContainText('The queue is paused');
  await expect(detail(page).getByRole('tabpanel')).not.toContainText('Waiting for the agent');
  await expect(queueRow(page, 'Held by the paused queue')).toContainText('Queue paused');
  await queueRow(page, 'Held by the paused queue').getByRole('button', { name: 'Cancel' }).click();

  await callApi(app, 'settings.update', { runner: { concurrency: 1 } });
  await page.getByRole('button', { name: 'Resume queue' }).click();
  await compose(page, 'Takes the only slot [duration:300s]');
  await expect(queueRow(page, 'Takes the only slot')).toContainText(/Submitting|Running/);
  await compose(page, 'Waits for a free slot');
  await expect(taskStatus(page)).toHaveText('Queued');
  await expect(held(page)).toContainText('Waiting for a free slot: 1 running, 1 allowed at once');
  await expect(queueRow(page, 'Waits for a free slot')).toContainText('Waiting for a free slot');
  await queueRow(page, 'Waits for a free slot').getByRole('button', { name: 'Cancel' }).click();
  await queueRow(page, 'Takes the only slot').getByRole('button', { name: 'Cancel' }).click();
  await confirm(page, 'Cancel task');
  await expect(queueRow(page, 'Takes the only slot')).toContainText('Cancelled');

  // Something spent today, then a cap below it.
  await compose(page, 'Spend a little [duration:5s]');
  await expect(queueRow(page, 'Spend a little')).toContainText('Completed');
  await callApi(app, 'settings.update', {
    runner: { concurrency: 5 },
    budget: { dailyCap: 0.0001 },
  });
  await compose(page, 'Held by the budget');
  await expect(taskStatus(page)).toHaveText('Queued');
  await expect(held(page)).toContainText(/budget/i);
  await expect(queueRow(page, 'Held by the budget')).toContainText('Budget reached');
});
