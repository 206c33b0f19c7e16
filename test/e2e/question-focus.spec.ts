// Bug: the question dialog opened while the person typed a prompt and took the keyboard; the
// rest of the prompt went into the answer field (once a masked one), and Enter would have sent
// it. A question that arrives while a field has focus must wait in a bar instead.
import type { Page } from '@playwright/test';
import { expect, test } from './fixture';
import { compose } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

const question = (page: Page) => page.getByRole('dialog', { name: 'The agent has a question' });
const bar = (page: Page) => page.getByRole('alert', { name: 'Questions waiting' });

test('a question that arrives while a prompt is typed never takes the keyboard', async ({
  appPage: page,
}) => {
  // The question comes at 40 % of a 40 s run (1.6 s at this scale), while the next prompt is typed.
  await compose(
    page,
    'Renew my parking permit [guardrail:Please enter the 2FA code] [duration:40s]',
  );
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  await prompt.click();
  let typed = '';
  // Keep typing, a word at a time, until the question is there (bounded: 60 words).
  for (let i = 0; i < 60 && !(await bar(page).isVisible()); i++) {
    const word = `word${i} `;
    await prompt.pressSequentially(word, { delay: 20 });
    typed += word;
  }
  await expect(bar(page)).toContainText('1 task needs your answer');
  // More typing after it arrived, Enter included, still lands in the prompt.
  await page.keyboard.type('and the rest');
  typed += 'and the rest';
  await page.keyboard.press('Enter');
  typed += '\n';
  await expect(question(page)).toBeHidden();
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue(typed);
  await expect(page.getByRole('link', { name: 'Inbox, 1 question waiting' })).toBeVisible();

  // The person asks for it: the dialog opens with an empty field.
  await bar(page).getByRole('button', { name: 'Answer (A)' }).click();
  const dialog = question(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Question')).toHaveText('Please enter the 2FA code');
  await expect(dialog.getByLabel('Your answer')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(bar(page)).toBeVisible();

  // A, typed outside any field, opens it too.
  await page.getByRole('heading', { name: 'Queue' }).click();
  await page.keyboard.press('a');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Your answer').fill('123456');
  await dialog.getByRole('button', { name: 'Send answer' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar(page)).toBeHidden();
  await expect(prompt).toHaveValue(typed);
});
