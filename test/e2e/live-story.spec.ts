import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, detail, queueRow, taskStatus } from './helpers';

// A clock slow enough that the Live tab is open while the agent streams.
test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const story = (page: Page) =>
  detail(page).getByRole('list', { name: 'Activity' }).getByRole('listitem');

/** The story is whole once the task has completed and WebRun has closed its session. */
async function storyComplete(page: Page): Promise<void> {
  await expect(story(page).filter({ hasText: /Task Completed$/ })).toHaveCount(1);
  await expect(story(page).filter({ hasText: /Session ended/ })).toHaveCount(1);
}

async function storyTexts(page: Page): Promise<string[]> {
  return (await story(page).allInnerTexts()).map((t) =>
    t.replace(/^[\d:]+\s*(AM|PM)?\s*/, '').trim(),
  );
}

test('the Live tab tells each step once, in order, from the first one, with the question and its answer', async ({
  appPage: page,
}) => {
  await compose(
    page,
    'Compare two library branches [guardrail:Which branch is closer to you?] [duration:40s]',
  );
  const dialog = page.getByRole('dialog', { name: 'The agent has a question' });
  await expect(dialog).toBeVisible({ timeout: 45_000 });
  await dialog.getByLabel('Your answer').fill('The north one');
  await dialog.getByLabel('Your answer').press('Enter');
  await expect(dialog).toBeHidden();
  await queueRow(page, 'Compare two library branches')
    .getByRole('button', { name: /Compare two library branches/ })
    .click();
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 90_000 });
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await storyComplete(page);
  const watched = await storyTexts(page);

  // The same story, told from the stored events alone after a reload.
  await page.reload();
  await queueRow(page, 'Compare two library branches')
    .getByRole('button', { name: /Compare two library branches/ })
    .click();
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await storyComplete(page);
  const replayed = await storyTexts(page);
  expect(watched).toEqual(replayed);

  // From the first step: the task was queued, then sent, before the agent said anything.
  expect(replayed[0]).toMatch(/Queued/);
  expect(replayed[1]).toMatch(/Sent to WebRun/);
  // The question and when it was answered, in order.
  const asked = replayed.findIndex((t) => t.includes('Asked: Which branch is closer to you?'));
  const answered = replayed.findIndex((t) => /Answered in the app after \d/.test(t));
  expect(asked).toBeGreaterThan(0);
  expect(answered).toBeGreaterThan(asked);
  // No step twice in a row (the stream and the replay overlap, and must not repeat).
  for (let i = 1; i < replayed.length; i += 1)
    expect(replayed[i], `line ${i}`).not.toBe(replayed[i - 1]);
  await expect(detail(page).getByText('No activity recorded.')).toHaveCount(0);
});
