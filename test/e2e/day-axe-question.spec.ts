// Accessibility with a question waiting (issue 25): the question modal, the bar that waits while
// someone types, and the inbox with its answer field pass axe-core (no critical, serious or
// moderate violation) in light and dark at 1024×640 and 1400×900; the bar is announced
// assertively. A clock at the real pace (scale 1): the question waits 5 real minutes, far
// longer than the audits take, so it is still there for each of them.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { auditEverywhere } from './axe-audit';
import { compose, openView } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '1' } });

const question = (page: Page) => page.getByRole('dialog', { name: 'The agent has a question' });

test('a question waiting: the modal, the bar and the inbox, light and dark, both sizes', async ({
  app,
  page,
}) => {
  await page.goto(app.url);
  const found: string[] = [];

  // Asked while nobody types: the modal opens, its answer field focused.
  await compose(page, 'Renew my library loans [guardrail:Which card should I use?] [duration:4s]');
  await page.getByRole('textbox', { name: 'Task', exact: true }).blur();
  const dialog = question(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('Your answer')).toBeFocused();
  found.push(...(await auditEverywhere(page, 'question-modal')));

  // "Later": the question waits in the bar, an assertive announcement that takes no focus.
  await dialog.getByRole('button', { name: 'Later' }).click();
  await expect(dialog).toBeHidden();
  const bar = page.getByRole('alert', { name: 'Questions waiting' });
  await expect(bar).toContainText('1 task needs your answer');
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('Half a prompt');
  found.push(...(await auditEverywhere(page, 'question-bar')));

  // The inbox with the question and its own answer field.
  await openView(page, 'Queue');
  await page.getByRole('link', { name: /^Inbox, 1 question waiting/ }).click();
  const item = page
    .getByRole('list', { name: 'Questions waiting' })
    .getByRole('listitem', { name: 'Which card should I use?' });
  await expect(item.getByLabel('Your answer')).toBeVisible();
  found.push(...(await auditEverywhere(page, 'question-inbox')));
  expect(found).toEqual([]);

  // Answered, so the app's task does not wait out its 5 minutes.
  await item.getByLabel('Your answer').fill('the blue one');
  await item.getByLabel('Your answer').press('Enter');
  await expect(page.getByText('No questions waiting')).toBeVisible();
});
