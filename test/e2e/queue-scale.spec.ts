import { expect, test } from './fixture';
import { confirm } from './helpers';

test('the queue stays virtual with 10,000 tasks: only visible rows are in the page', async ({
  app,
  page,
}) => {
  // A safety net: 10,000 tasks are created over HTTP, which takes minutes beside a CPU hog.
  test.setTimeout(900_000);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Pause queue' }).click();
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('Paused');
  // Filling the queue through the UI would take hours; the same HTTP API the UI uses is faster.
  await page.evaluate(async () => {
    // This runs in the page; the node project's types have no DOM, hence the cast.
    const token = (
      globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
    ).sessionStorage.getItem('webrun-desk-token');
    const create = (i: number) =>
      fetch('/api/tasks.create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ prompt: `Bulk task ${i}` }),
      });
    for (let i = 0; i < 10_000; i += 100)
      await Promise.all(Array.from({ length: 100 }, (_, j) => create(i + j)));
  });
  await page.reload();
  const list = page.getByRole('list', { name: 'Tasks' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);

  // Scrolling to the end pages in older tasks until all 10,000 are known.
  const scroller = page.getByTestId('queue-scroll');
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '10000', {
      timeout: 1000,
    });
  }).toPass({ timeout: 300_000 });
  await expect(list.getByRole('listitem').last()).toContainText(/Bulk task 99\d\d(?!\d)/);
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);

  // Cancelling everything in one call clears the queue.
  await page.getByRole('checkbox', { name: 'Select all cancellable' }).check();
  await page.getByRole('button', { name: 'Cancel selected (10000)' }).click();
  await confirm(page, 'Cancel 10000 tasks');
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('0 waiting', {
    timeout: 300_000,
  });
});
