// The command bar (Ctrl/Cmd+K): one field that runs a template, finds a task by its text,
// opens the next question, pauses and resumes the queue and goes to any view; arrows move,
// Enter runs, Esc closes and gives the focus back to where it was.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose, confirm, detail, taskStatus } from './helpers';

const bar = (page: Page) => page.getByRole('dialog', { name: 'Command bar' });
const field = (page: Page) => bar(page).getByRole('combobox', { name: 'Command' });
const options = (page: Page) =>
  bar(page).getByRole('listbox', { name: 'Commands' }).getByRole('option');

/** Opens the bar, types `text` and waits until `name` is the highlighted command. */
async function choose(page: Page, text: string, name: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(field(page)).toBeFocused();
  await field(page).fill(text);
  const option = options(page).filter({ hasText: name });
  await expect(option.first()).toBeVisible();
  for (let i = 0; i < 20 && (await option.first().getAttribute('aria-selected')) !== 'true'; i++)
    await field(page).press('ArrowDown');
  await expect(option.first()).toHaveAttribute('aria-selected', 'true');
  await expect(field(page)).toHaveAttribute(
    'aria-activedescendant',
    (await option.first().getAttribute('id'))!,
  );
}

test('Ctrl+K opens over a half-typed prompt, Esc closes it and gives the prompt its focus back', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('half typed');
  await prompt.press('Control+k');
  await expect(bar(page)).toBeVisible();
  await expect(field(page)).toBeFocused();
  await expect(field(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(options(page).first()).toHaveText('New task');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  // Arrows move the highlight, wrapping at either end.
  await field(page).press('ArrowUp');
  await expect(options(page).last()).toHaveAttribute('aria-selected', 'true');
  await field(page).press('ArrowDown');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(bar(page)).toBeHidden();
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue('half typed');
  await prompt.fill('');

  // The bar is in the shortcuts help.
  await page.getByRole('heading', { name: 'Queue' }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Ctrl+K / ⌘K');
  await expect(help).toContainText('Command bar');
  await help.getByRole('button', { name: 'Close' }).click();

  // "New task" puts the focus in the prompt.
  await choose(page, 'new', 'New task');
  await page.keyboard.press('Enter');
  await expect(bar(page)).toBeHidden();
  await expect(prompt).toBeFocused();
});

test('runs a template, pauses and resumes the queue, and goes to Settings and back', async ({
  appPage: page,
}) => {
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.fill('Check the daily exchange rates');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Daily rates');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Template “Daily rates” saved',
  );
  await prompt.fill('');

  await choose(page, 'daily', 'Run template “Daily rates”');
  await page.keyboard.press('Enter');
  await expect(bar(page)).toBeHidden();
  // Running spends money: the run form shows what is sent, and only its Run button sends it.
  const runForm = page.getByRole('dialog', { name: 'Run template “Daily rates”' });
  await expect(runForm).toContainText('Check the daily exchange rates');
  await runForm.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    detail(page).getByRole('heading', { name: 'Check the daily exchange rates' }),
  ).toBeVisible();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });

  // Deleting the template can be undone, and the bar offers it again.
  await page.getByRole('combobox', { name: 'Start from template' }).selectOption('Daily rates');
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill('');
  await page.getByRole('button', { name: 'Delete template' }).click();
  await expect(
    page.getByRole('combobox', { name: 'Start from template' }).getByRole('option'),
  ).toHaveText(['No templates yet']);
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('status')
    .filter({ hasText: 'Template “Daily rates” deleted.' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(
    page
      .getByRole('combobox', { name: 'Start from template' })
      .getByRole('option', { name: 'Daily rates' }),
  ).toHaveCount(1);
  await choose(page, 'rates', 'Run template “Daily rates”');
  await page.keyboard.press('Escape');

  await choose(page, 'pause', 'Pause the queue');
  await page.keyboard.press('Enter');
  await confirm(page, 'Pause the queue');
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('Paused');
  await choose(page, 'resume', 'Resume the queue');
  await page.keyboard.press('Enter');
  await confirm(page, 'Resume the queue');
  await expect(page.getByRole('status', { name: 'Queue status' })).not.toContainText('Paused');

  await choose(page, 'preferences', 'Open Settings');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/settings$/);
  // A click runs a command too.
  await page.keyboard.press('Control+k');
  await field(page).fill('queue');
  await options(page).filter({ hasText: 'Go to Queue' }).click();
  await expect(page).toHaveURL(/#\/queue$/);
});

test('finds a task by its text from another view, and opens the next question', async ({
  appPage: page,
}) => {
  await compose(page, 'Compare museum ticket prices in Lisbon');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await compose(page, 'Book a table for two [guardrail:Which evening suits you?] [duration:20s]');
  const question = page.getByRole('dialog', { name: 'The agent has a question' });
  await expect(question).toBeVisible({ timeout: 30_000 });
  await question.getByRole('button', { name: 'Later' }).click();
  await expect(question).toBeHidden();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Spend', exact: true })
    .click();
  await choose(page, 'museum lisbon', /^Open task “Compare museum ticket prices in Lisbon”/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/queue$/);
  await expect(
    detail(page).getByRole('heading', { name: 'Compare museum ticket prices in Lisbon' }),
  ).toBeFocused();

  // Beyond the prompts the page holds, the core's full-text search finds tasks by their pages.
  await page
    .getByRole('textbox', { name: 'Starting URL (optional)' })
    .fill('https://opera-house.example.org/season');
  await compose(page, 'List this season’s premieres');
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 45_000 });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'History', exact: true })
    .click();
  await choose(page, 'opera', /^Open task “List this season’s premieres”/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/history$/);
  await expect(
    detail(page).getByRole('heading', { name: 'List this season’s premieres' }),
  ).toBeFocused();

  await choose(page, 'answer', /^Answer the next question/);
  await expect(options(page).filter({ hasText: 'Answer the next question' })).toContainText(
    '1 waiting',
  );
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await expect(question.getByLabel('Your answer')).toBeFocused();
  await question.getByLabel('Your answer').fill('Friday');
  await question.getByRole('button', { name: 'Send answer' }).click();
  await expect(question).toBeHidden();
});
