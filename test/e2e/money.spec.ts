// Money foresight as a person sees it. The sandbox's balance runs low mid-batch: the queue holds
// with WebRun's figures (nothing fails task after task), the header shows the balance and its
// age, the Spend page the runway and its warning, and a second batch is refused by pre-flight
// until the person confirms the amounts. Then a run that costs far more than its template's
// earlier runs is flagged on its queue row and task page, with Stop it.
// Screenshots (light and dark, 1024×640 and 1400×900) go under test-results/screenshots/.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import type { BatchView } from '../../src-main/contract/index';
import type { MoneyStatus } from '../../src-main/contract/money';
import { callApi } from './api';
import { confirmation, openView, queueRow } from './helpers';

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [width, height] of [
      [1024, 640],
      [1400, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screenshots/money-${name}-${width}x${height}-${theme}.png`,
      });
    }
  }
  await page.getByRole('combobox', { name: 'Theme' }).first().selectOption('light');
  await page.setViewportSize({ width: 1400, height: 900 });
}

const rows = (n: number, extra = ''): string =>
  ['item,cost', ...Array.from({ length: n }, (_, i) => `kettle ${i},${extra || '0.02'}`)].join(
    '\n',
  );

async function startBatch(page: Page, text: string, prompt: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Batches', exact: true })
    .click();
  const form = page.getByRole('form', { name: 'New batch' });
  await form.getByLabel('Rows (CSV with a header line, or JSON)').fill(text);
  await form.getByLabel('Prompt template').fill(prompt);
  await form.getByRole('button', { name: 'Check rows' }).click();
}

test.describe('a balance that runs out', () => {
  test.use({ serveEnv: { WEBRUN_SANDBOX_BALANCE: '0.13' } });

  test('holds the queue with the balance, shows the runway, and pre-flight asks before the next batch', async ({
    app,
    page,
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(app.url);
    await expect(
      page.getByRole('link', { name: /^Balance not seen yet, simulated/ }),
    ).toBeVisible();
    await startBatch(page, rows(10), 'Price of {{item}} [cost:{{cost}}]');
    const check = page.getByRole('region', { name: 'Check of the rows' });
    await expect(check.getByLabel('Balance check')).toContainText(
      'Not checked against the balance: No baseline: 0 earlier runs with a known cost, and it takes 5.',
    );
    await page
      .getByRole('form', { name: 'New batch' })
      .getByRole('button', { name: 'Start batch' })
      .click();

    await openView(page, 'Queue');
    const held = page.getByRole('alert', { name: 'Held for balance' });
    await expect(held).toContainText(
      'WebRun refused a task for balance ($0.01 left): no task is sent until you add funds at WebRun and resume the queue.',
      // The desk's own 10 submissions a minute can hold the refused send back for up to a
      // minute (the served app is shared by this file's tests); 30 s failed with the CPU hog.
      { timeout: 90_000 },
    );
    // The refused row and the batch's next rows wait at the head of the queue, each saying why.
    await expect(
      queueRow(page, 'Price of kettle').filter({ hasText: 'Held: balance too low' }).first(),
    ).toBeVisible();
    // The list scrolls (only the rows in view exist): the counts come from the core.
    await expect
      .poll(async () => (await callApi<BatchView[]>(app, 'batches.list'))[0]?.counts)
      .toMatchObject({ done: 6, failed: 0, unknown: 0 });
    const badge = page.getByRole('link', { name: /^Balance \$0\.01, simulated, seen just now/ });
    await expect(badge).toBeVisible();
    await shoot(page, 'held');

    // Try again: one more refusal, and it holds again; still nothing failed.
    const holdAt = async () => (await callApi<MoneyStatus>(app, 'money.status')).hold?.at ?? 0;
    const firstHold = await holdAt();
    expect(firstHold).toBeGreaterThan(0);
    await held.getByRole('button', { name: 'Try again' }).click();
    // The resent task may wait up to a minute for the desk's own 10 submissions a minute; its
    // refusal is a new hold. (Waiting for the alert alone passed at once on the old one, and with
    // the CPU hog the Spend page below then looked while the queue was not held.)
    await expect.poll(holdAt, { timeout: 90_000 }).toBeGreaterThan(firstHold);
    await expect(held).toBeVisible();
    expect((await callApi<BatchView[]>(app, 'batches.list'))[0]?.counts).toMatchObject({
      done: 6,
      failed: 0,
    });

    await badge.click();
    const runway = page.getByRole('group', { name: 'Runway' });
    await expect(runway).toContainText('Balance $0.01 (simulated), seen just now.');
    await expect(runway.getByLabel('How the runway is computed')).toContainText(
      'at the 1-day trailing average ($0.12 a day) lasts about 2 h',
    );
    await expect(page.getByRole('alert', { name: 'Runway warning' })).toContainText(
      'under the 7 days set in Settings',
    );
    await expect(page.getByRole('status', { name: 'Held for balance' })).toContainText(
      'WebRun refused a task for balance ($0.01 left)',
    );
    await shoot(page, 'spend');

    // The warning's days are a bounded setting: a bad value is refused and loses nothing.
    await openView(page, 'Settings');
    const days = page.getByRole('textbox', { name: /Warn when the balance lasts fewer than/ });
    await expect(days).toHaveValue('7');
    await days.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'a whole number from 1 to 365' }),
    ).toBeVisible();
    await expect(days).toHaveValue('0');
    await days.fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      'Settings saved',
    );
    await badge.click();
    await expect(page.getByRole('alert', { name: 'Runway warning' })).toContainText(
      'lasts about 2 h at the recent pace, under the 1 day set in Settings',
    );

    // The same template again: six runs at $0.02 now make its baseline, more than $0.01 is left.
    await startBatch(page, rows(5), 'Price of {{item}} [cost:{{cost}}]');
    await expect(check.getByLabel('Balance check')).toContainText(
      'Refused before sending: 5 tasks at $0.02 median and $0.02 p90 each: $0.10 to $0.10, more than the balance ($0.01).',
    );
    await page
      .getByRole('form', { name: 'New batch' })
      .getByRole('button', { name: 'Start batch' })
      .click();
    const dialog = confirmation(page, 'Run this batch over what is left?');
    await expect(dialog).toContainText(
      'Its 5 tasks usually cost $0.10 in all (median), up to $0.10 (p90); the balance WebRun last reported is $0.01.',
    );
    await expect(dialog.getByRole('button', { name: 'Do not run' })).toBeFocused();
    await shoot(page, 'preflight');
    await dialog.getByRole('button', { name: 'Do not run' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Check of the rows' })).toBeVisible();
  });
});

test.describe('a run that costs far more than usual', () => {
  test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.2' } });

  test('is flagged on its row and its page while it runs, with Stop it', async ({ app, page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(app.url);
    const prompt = 'Summarise {{item}} [cost:{{cost}}] [duration:{{duration}}]';
    await startBatch(
      page,
      ['item,cost,duration', ...Array.from({ length: 5 }, (_, i) => `page ${i},0.01,2s`)].join(
        '\n',
      ),
      prompt,
    );
    await page
      .getByRole('form', { name: 'New batch' })
      .getByRole('button', { name: 'Start batch' })
      .click();
    await expect(page.getByRole('region', { name: /^Batch / }).getByText('Finished')).toBeVisible({
      timeout: 30_000,
    });
    // The same template, one row: $1 over 200 s, past $0.03 (3× the $0.01 median) within seconds.
    await startBatch(page, 'item,cost,duration\nthe long page,1,200s', prompt);
    await page
      .getByRole('form', { name: 'New batch' })
      .getByRole('button', { name: 'Start batch' })
      .click();
    await openView(page, 'Queue');
    const row = queueRow(page, 'Summarise the long page');
    await expect(row.getByRole('alert', { name: 'Cost anomaly' })).toContainText(/⚠ \d+× usual/, {
      timeout: 45_000,
    });
    await expect(row).toContainText('Running');
    await row.getByRole('button', { name: 'Summarise the long page' }).click();
    const flag = page
      .getByRole('region', { name: 'Task detail' })
      .getByRole('alert', { name: 'Cost anomaly' });
    await expect(flag).toContainText(
      /past \$0\.03 \(usually \$0\.01, p95 \$0\.01 over 5 earlier runs\)/,
    );
    await shoot(page, 'anomaly');
    await flag.getByRole('button', { name: 'Stop it' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: /^Stop/ }).click();
    await expect(row).toContainText('Stopped', { timeout: 15_000 });
  });
});
