// Bug: tags and priority set for one task silently applied to the next, even with Options
// collapsed. A new task starts from the defaults, and a folded Options says what is not default.
import { expect, test } from './fixture';
import { callApi } from './api';
import { compose } from './helpers';

interface Page {
  tasks: { prompt: string; priority: number; tags: string[] }[];
}

test('options set for one task do not carry over to the next; folded, they are summarised', async ({
  app,
  appPage: page,
}) => {
  const options = page.locator('summary', { hasText: 'Options' });
  await options.click();
  await page.getByLabel('Priority (-10 to 10)').fill('5');
  await page.getByLabel('Tags').fill('weekly, travel');
  await options.click();
  await expect(page.getByLabel('Options not at their defaults')).toHaveText(
    ' · priority 5 · tags weekly, travel',
  );
  await compose(page, 'First task, tagged');

  await expect(page.getByLabel('Options not at their defaults')).toHaveCount(0);
  await compose(page, 'Second task, plain');
  const tasks = (await callApi<Page>(app, 'tasks.list', { limit: 10 })).tasks;
  const first = tasks.find((t) => t.prompt === 'First task, tagged')!;
  const second = tasks.find((t) => t.prompt === 'Second task, plain')!;
  expect([first.priority, first.tags]).toEqual([5, ['weekly', 'travel']]);
  expect([second.priority, second.tags]).toEqual([0, []]);
  await options.click();
  await expect(page.getByLabel('Priority (-10 to 10)')).toHaveValue('0');
  await expect(page.getByLabel('Tags')).toHaveValue('');
});
