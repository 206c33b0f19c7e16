// A day's main flows with the keyboard alone (issue 25): compose and run a task, answer a
// question, open the history, stop a task. No mouse: every step is a key, and at every stop on
// the way the focused control shows a visible focus ring (:focus-visible with an outline or a
// shadow) and is the one a person expects.
import { expect, test } from './fixture';
import { detail, queueRow, taskStatus } from './helpers';
import { expectVisibleFocus, tabTo } from './keyboard-focus';

// Slow enough that a question waits (5 simulated minutes are 30 s) while keys are pressed.
test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test('compose and run, answer a question, open history, stop a task: keyboard only, focus always visible', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  const prompt = page.getByRole('textbox', { name: 'Task', exact: true });
  // The app has started (its shortcuts listen) once the queue's status is shown.
  await expect(page.getByRole('status', { name: 'Queue status' })).toBeVisible();

  // 1. N to compose, type, Ctrl+Enter to run; the field is cleared and keeps the focus.
  await page.keyboard.press('n');
  await expect(prompt).toBeFocused();
  await expectVisibleFocus(page, 'the composer');
  await page.keyboard.type('Find the opening hours of the Louvre [duration:20s]');
  await page.keyboard.press('Control+Enter');
  await expect(prompt).toHaveValue('');
  await expect(prompt).toBeFocused();
  await expect(queueRow(page, 'Find the opening hours')).toContainText('Completed', {
    timeout: 60_000,
  });

  // 2. A question arrives while typing: it waits in the bar (the focus stays put); Shift+Tab
  // reaches its Answer button, Enter opens the question with the focus in the answer field.
  await page.keyboard.type(
    'Renew my library loans [guardrail:Which card should I use?] [duration:20s]',
  );
  await page.keyboard.press('Control+Enter');
  const bar = page.getByRole('alert', { name: 'Questions waiting' });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(prompt).toBeFocused();
  const answerButton = bar.getByRole('button', { name: 'Answer (A)' });
  await tabTo(page, answerButton, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog', { name: 'The agent has a question' });
  await expect(question).toBeVisible();
  await expect(question.getByLabel('Your answer')).toBeFocused();
  await expectVisibleFocus(page, 'the answer field');
  await page.keyboard.type('the blue card');
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(page.getByRole('link', { name: /^Inbox, 0 questions waiting/ })).toBeVisible();
  // The bar's button went with the last question: the focus is on the task's title instead.
  await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
  await expectVisibleFocus(page, 'after answering');
  await expect(queueRow(page, 'Renew my library loans')).toContainText('Completed', {
    timeout: 60_000,
  });

  // 3. / opens the history with the focus in its search; typing finds the first task.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search history' });
  await expect(search).toBeFocused();
  await expectVisibleFocus(page, 'the history search');
  await page.keyboard.type('Louvre');
  const table = page.getByRole('table', { name: 'History' });
  await expect(table.getByText('Find the opening hours of the Louvre')).toBeVisible();
  await expect(table.getByText('Renew my library loans')).toHaveCount(0);

  // 4. N again, run a long task; Tab through the page to its Stop button, Enter; the
  // confirmation has the safe choice focused; Tab to "Stop task", Enter; it stops.
  // From a field, the command bar is the way back: Ctrl+K, "new task", Enter.
  await page.keyboard.press('Control+k');
  const command = page.getByRole('combobox', { name: 'Command' });
  await expect(command).toBeFocused();
  await expectVisibleFocus(page, 'the command bar');
  await page.keyboard.type('new task');
  await page.keyboard.press('Enter');
  await expect(prompt).toBeFocused();
  await expectVisibleFocus(page, 'the composer, again');
  await page.keyboard.type('Watch the auction until it ends [duration:30m]');
  await page.keyboard.press('Control+Enter');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  const stop = detail(page).getByRole('button', { name: 'Stop', exact: true });
  await tabTo(page, stop, 'Tab', 80);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: /^Stop “Watch the auction/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep running' })).toBeFocused();
  await expectVisibleFocus(page, 'the confirmation');
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Stop task' })).toBeFocused();
  await expectVisibleFocus(page, 'the confirmation’s Stop task');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(taskStatus(page)).toHaveText('Stopped', { timeout: 30_000 });
  // The Stop button is gone with the running task: the focus is on its title, not lost.
  await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
  await expectVisibleFocus(page, 'after stopping');
  // Nothing runs any more, and the queue says so (a poll out during the stop took the slot back).
  await expect(page.getByRole('status', { name: 'Queue status' })).toContainText('0 running of 5');
  for (const [width, height] of [
    [1024, 640],
    [1400, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      // The theme menu by keys alone too: Tab to it would move the focus, so this sets the
      // stored preference the way the menu does and keeps the focus where the test left it.
      await page.evaluate((t) => {
        (
          globalThis as unknown as {
            document: { documentElement: { dataset: { theme?: string } } };
          }
        ).document.documentElement.dataset.theme = t;
      }, theme);
      await page.screenshot({
        path: `test-results/screenshots/keyboard-stopped-${width}-${theme}.png`,
      });
    }
  }
});
