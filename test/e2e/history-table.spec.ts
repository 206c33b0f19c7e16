import { readFileSync } from 'node:fs';
import { expect, test } from './fixture';
import { compose, openView, taskStatus } from './helpers';

test('history is a table: sortable columns kept in the URL, the inspector beside it, ticked rows exported', async ({
  app,
  page,
}) => {
  // Wide enough for every column beside the inspector (the last task composed is open in it).
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  for (const [prompt, cost] of [
    ['Check the weather in Oslo', '0.30'],
    ['Book a museum ticket', '0.05'],
    ['Archive the old invoices', '0.12'],
  ] as const) {
    await compose(page, `${prompt} [cost:${cost}]`);
    await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  }
  await openView(page, 'History');
  const table = page.getByRole('table', { name: 'History' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Select',
    'Status',
    'Prompt',
    'Cost',
    'Duration',
    'Tokens',
    'Tags',
    /^Created/,
  ]);
  const body = table.getByRole('rowgroup').last();
  await expect(body.getByRole('row')).toHaveCount(3);
  // Newest first by default; every cost says where it came from.
  await expect(body.getByRole('row').first()).toContainText('Archive the old invoices');
  await expect(body.getByRole('row').first().getByRole('cell').nth(3)).toHaveText('$0.12 reported');

  const cost = table.getByRole('columnheader', { name: 'Cost' });
  await cost.getByRole('button').click();
  await expect(cost).toHaveAttribute('aria-sort', 'descending');
  const prompts = () => body.getByRole('row').locator('[role="cell"]:nth-child(3)');
  await expect(prompts()).toHaveText([/Oslo/, /invoices/, /museum/]);
  await cost.getByRole('button').click();
  await expect(cost).toHaveAttribute('aria-sort', 'ascending');
  await expect(prompts()).toHaveText([/museum/, /invoices/, /Oslo/]);
  await expect(page).toHaveURL(/sort=cost%3Aasc|sort=cost:asc/);
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Cost' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(prompts()).toHaveText([/museum/, /invoices/, /Oslo/]);

  await table.getByRole('columnheader', { name: 'Prompt' }).getByRole('button').click();
  await expect(prompts()).toHaveText([/invoices/, /museum/, /Oslo/]);

  // A row opens in the inspector beside the table.
  await body.getByRole('button', { name: /Book a museum ticket/ }).click();
  await expect(
    page
      .getByRole('region', { name: 'Task detail' })
      .getByRole('heading', { name: /Book a museum ticket/ }),
  ).toBeVisible();
  await expect(table).toBeVisible();

  // Two ticked rows are exported, and only they.
  await body.getByRole('checkbox', { name: /Check the weather in Oslo/ }).check();
  await body.getByRole('checkbox', { name: /Book a museum ticket/ }).check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export selected (2)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('Check the weather in Oslo');
  expect(csv).toContain('Book a museum ticket');
  expect(csv).not.toContain('Archive the old invoices');
});

test('with the inspector open the table never scrolls sideways: the low-priority columns go at 1024 px, all stay at 1400 px', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(app.url);
  await compose(
    page,
    'Compare the energy tariffs with a long prompt that fills the column [cost:0.20]',
  );
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await openView(page, 'History');
  const table = page.getByRole('table', { name: 'History' });
  const wrap = page.locator('.history-table-wrap');
  const sideways = () => wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
  // Closed inspector (the task just composed is open in it): the whole width, every column.
  await page.getByRole('button', { name: 'Close task' }).click();
  await expect(table.getByRole('columnheader')).toHaveText([
    'Select',
    'Status',
    'Prompt',
    'Cost',
    'Duration',
    'Tokens',
    'Tags',
    /^Created/,
  ]);
  expect(await sideways()).toBe(0);

  await table
    .getByRole('rowgroup')
    .last()
    .getByRole('button', { name: /Compare the energy tariffs/ })
    .click();
  await expect(
    page
      .getByRole('region', { name: 'Task detail' })
      .getByRole('heading', { name: /Compare the energy tariffs/ }),
  ).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText([
    'Select',
    'Status',
    'Prompt',
    'Cost',
    /^Created/,
  ]);
  expect(await sideways()).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/history-inspector-narrow-1024.png' });
  // The prompt keeps a readable width.
  expect(
    (await table.getByRole('columnheader', { name: 'Prompt' }).boundingBox())!.width,
  ).toBeGreaterThanOrEqual(180);

  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Select',
    'Status',
    'Prompt',
    'Cost',
    'Duration',
    'Tokens',
    'Tags',
    /^Created/,
  ]);
  expect(await sideways()).toBe(0);
});
