// Spend by client or project (issue 25): the Spend page groups the last 30 days by environment
// (its name), batch (its name, not batch-<id>), tag and template, says unknown where a cost is
// unknown (never $0), and exports the figures shown as CSV.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { callApi } from './api';
import { openView } from './helpers';
import type { Served } from './serve';

async function settled(app: Served, id: string): Promise<void> {
  await expect
    .poll(async () => (await callApi<{ status: string }>(app, 'tasks.get', { id })).status, {
      timeout: 60_000,
    })
    .toBe('completed');
}

async function groupBy(page: Page, name: string) {
  const section = page.getByRole('region', { name: /Spend by client or project/ });
  await section
    .getByRole('radiogroup', { name: 'Group spend by' })
    .getByRole('radio', { name })
    .click();
  return section.getByRole('table', { name: `Spend by ${name.toLowerCase()}` });
}

test('spend grouped by environment, batch, tag and template, unknown kept unknown, exported as CSV', async ({
  app,
  page,
}) => {
  const env = await callApi<{ id: string }>(app, 'environments.create', { name: 'Acme Corp' });
  const acme = await callApi<{ id: string }>(app, 'tasks.create', {
    prompt: 'Download the Acme invoices [cost:0.40]',
    tags: ['acme'],
    environmentId: env.id,
  });
  const lost = await callApi<{ id: string }>(app, 'tasks.create', {
    prompt: 'Check the Acme portal [cost:0.20]',
    tags: ['acme'],
    environmentId: env.id,
  });
  const loose = await callApi<{ id: string }>(app, 'tasks.create', {
    prompt: '=HYPERLINK("http://evil") check [cost:0.10]',
    tags: ['=cmd'],
  });
  const batch = await callApi<{ id: string }>(app, 'batches.create', {
    name: 'Beta shop prices',
    template: { prompt: 'Price of {{product}} at Beta [cost:0.05]' },
    source: { text: 'product\nkettle\ntoaster\n', format: 'csv' },
  });
  for (const t of [acme, lost, loose]) await settled(app, t.id);
  await expect
    .poll(
      async () => (await callApi<{ state: string }>(app, 'batches.get', { id: batch.id })).state,
      {
        timeout: 60_000,
      },
    )
    .toBe('finished');
  // One cost unknown, as a WebRun answer without usage leaves it.
  const db = new Database(app.db);
  try {
    db.prepare('UPDATE tasks SET cost = NULL, cost_source = NULL WHERE id = ?').run(lost.id);
  } finally {
    db.close();
  }

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  // A task started from a saved template in the composer counts under that template's name.
  await callApi(app, 'templates.save', {
    name: 'Acme monthly report',
    prompt: 'Write the Acme monthly report [cost:0.30]',
    startingUrl: null,
    options: {},
    mode: 'oneshot',
    tags: [],
    costCap: null,
    priority: 0,
    credentials: [],
  });
  await page.reload();
  await page
    .getByRole('combobox', { name: 'Start from template' })
    .selectOption('Acme monthly report');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(
      async () =>
        (
          await callApi<{ tasks: { template: string | null; status: string }[] }>(
            app,
            'tasks.list',
            { limit: 20 },
          )
        ).tasks.find((t) => t.template === 'Acme monthly report')?.status,
      { timeout: 60_000 },
    )
    .toBe('completed');
  await openView(page, 'Spend');

  const byEnv = await groupBy(page, 'Environment');
  await expect(byEnv.getByRole('row', { name: /Acme Corp/ })).toContainText('$0.40 + 1 unknown');
  await expect(byEnv.getByRole('row', { name: /Acme Corp/ })).toContainText('2');
  await expect(byEnv.getByRole('row', { name: /No environment/ })).toContainText('$0.50');

  const byBatch = await groupBy(page, 'Batch');
  await expect(byBatch.getByRole('row', { name: /Beta shop prices/ })).toContainText('$0.10');
  await expect(byBatch).not.toContainText(`batch-${batch.id}`);
  await expect(byBatch.getByRole('row', { name: /Not in a batch/ })).toContainText(
    '$0.80 + 1 unknown',
  );

  const byTemplate = await groupBy(page, 'Template');
  await expect(byTemplate.getByRole('row', { name: /Acme monthly report/ })).toContainText('$0.30');
  await expect(
    byTemplate.getByRole('row', { name: /Price of \{\{product\}\} at Beta/ }),
  ).toContainText('$0.10');

  const byTag = await groupBy(page, 'Tag');
  await expect(byTag.getByRole('row', { name: /acme/ })).toContainText('$0.40 + 1 unknown');
  // A batch's own tag is named by the batch, not batch-<id>.
  await expect(byTag.getByRole('row', { name: /Batch: Beta shop prices/ })).toContainText('$0.10');
  await expect(byTag).not.toContainText(`batch-${batch.id}`);
  await expect(byTag.getByRole('row', { name: /Untagged/ })).toContainText('$0.30');

  // A tag whose only cost is unknown says unknown, never $0.00.
  const db2 = new Database(app.db);
  try {
    db2.prepare('UPDATE tasks SET cost = NULL, cost_source = NULL WHERE id = ?').run(acme.id);
  } finally {
    db2.close();
  }
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(byTag.getByRole('row', { name: /acme/ })).toContainText('unknown');
  await expect(byTag.getByRole('row', { name: /acme/ })).not.toContainText('$');

  // Export: the figures shown, with the unknown count beside the known sum, formulas escaped.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^spend-by-tag-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/,
  );
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('Tag,Id,From,To,Tasks,Known cost,Tasks of unknown cost,Cost');
  expect(lines.find((l) => l.startsWith('acme,'))).toMatch(/,2,,2,unknown$/);
  expect(lines.find((l) => l.includes('cmd'))).toMatch(/^"?'=cmd"?,.*,1,0\.1,0,\$0\.10$/);
  expect(lines.find((l) => l.startsWith('Batch: Beta shop prices,'))).toMatch(/,2,0\.1,0,\$0\.10$/);

  for (const size of [
    { width: 1024, height: 640 },
    { width: 1400, height: 900 },
  ]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await byTag.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screenshots/spend-groups-${size.width}-${theme}.png`,
      });
    }
  }
});
