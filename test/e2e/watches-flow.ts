// Watch steps the watches specs share: create a watch that follows a drifting price through the
// editor, run it now until a run is judged, and the inbox's alert for it.
import { expect, type Page } from '@playwright/test';
import { openView } from './helpers';

export const SCHEMA = '{"type":"object","properties":{"price":{"type":"number"}}}';

export function watchRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'Watches' }).getByRole('row').filter({ hasText: name });
}

/**
 * A watch on a price the sandbox moves by 5 on every run ([drift]), checked to stay at least 0
 * (and at most `highest`, given one a run fails).
 */
export async function createDriftWatch(page: Page, name: string, highest = ''): Promise<void> {
  await openView(page, 'Watches');
  await page.getByRole('button', { name: 'New watch' }).click();
  const form = page.getByRole('form', { name: 'New watch' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await form
    .getByRole('textbox', { name: 'Prompt (use {{name}} for a value)' })
    .fill('Price of {{product}} as JSON [drift:price:5] [duration:2s]');
  await form.getByRole('textbox', { name: 'Value of {{product}}' }).fill('the blue kettle');
  await form.getByRole('textbox', { name: 'Output JSON Schema' }).fill(SCHEMA);
  await form.getByRole('button', { name: 'Add check' }).click();
  await form.getByRole('textbox', { name: 'Key path', exact: true }).fill('price');
  await form.getByRole('textbox', { name: 'Lowest' }).fill('0');
  await form.getByRole('textbox', { name: 'Highest' }).fill(highest);
  await form.getByRole('button', { name: 'Create watch' }).click();
  await expect(form).toHaveCount(0);
  await expect(watchRow(page, name)).toBeVisible();
}

/** Waits until `runs` runs of the watch are judged (the pass rate's title counts them). */
export async function judged(page: Page, name: string, runs: number): Promise<void> {
  await expect(watchRow(page, name).getByRole('cell').nth(3)).toHaveAttribute(
    'title',
    `${runs} judged run(s) of the last 20`,
    { timeout: 30_000 },
  );
}

/** Run now, and wait until the run is judged (`runs` judged runs in all). */
export async function runNowAndJudge(page: Page, name: string, runs: number): Promise<void> {
  await watchRow(page, name)
    .getByRole('button', { name: `Run ${name} now` })
    .click();
  await judged(page, name, runs);
}

export function inboxLink(page: Page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });
}
