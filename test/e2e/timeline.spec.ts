import { expect, test } from './fixture';
import { compose, detail, queueRow, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test('the Events tab is a timeline with questions, answers, pages and cost, replayed from the stored events; raw JSON is one click away', async ({
  app,
  appPage: page,
}) => {
  await compose(page, 'Find the opening hours [guardrail:Which city?] [duration:30s] [network:5]');
  const dialog = page.getByRole('dialog', { name: 'The agent has a question' });
  await expect(dialog).toBeVisible({ timeout: 45_000 });
  await dialog.getByLabel('Your answer').fill('Lyon');
  await dialog.getByLabel('Your answer').press('Enter');
  await queueRow(page, 'Find the opening hours')
    .getByRole('button', { name: /Find the opening hours/ })
    .click();
  await expect(taskStatus(page)).toHaveText('Completed', { timeout: 90_000 });

  // From here on the page asks only the app (the story is built from its store, see story.ts).
  const remoteCalls: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(app.url).origin)) remoteCalls.push(r.url());
  });
  await detail(page).getByRole('tab', { name: 'Events' }).click();
  const timeline = detail(page).getByRole('table', { name: 'Timeline' });
  await expect(timeline.getByRole('columnheader')).toHaveText([
    'Time',
    'Since previous',
    'Step',
    'What happened',
    'Cost so far',
  ]);
  const asked = timeline.getByRole('row').filter({ hasText: 'Asked: Which city?' });
  await expect(asked).toHaveCount(1);
  await expect(
    timeline
      .getByRole('row')
      .filter({ hasText: /Answered in the app after \d+(\.\d)? (ms|s|min)/ }),
  ).toHaveCount(1);
  await expect(
    timeline
      .getByRole('row')
      .filter({ hasText: /Thought/ })
      .first(),
  ).toBeVisible();
  await expect(
    timeline
      .getByRole('row')
      .filter({ hasText: /Action/ })
      .first(),
  ).toBeVisible();
  await expect(
    timeline
      .getByRole('row')
      .filter({ hasText: /Page\s*https?:\/\// })
      .first(),
  ).toBeVisible();
  await expect(timeline.getByRole('row').last()).toContainText(/\$\d+\.\d+ reported/);
  await expect(timeline.getByRole('row').nth(2)).toContainText(/\+\d/);
  const total = await timeline.getByRole('row').count();

  // The scrubber shows the story as it stood at an earlier step.
  const replay = detail(page).getByRole('group', { name: 'Replay' });
  await replay.getByRole('slider', { name: 'Replay position' }).fill('2');
  await expect(timeline.getByRole('row')).toHaveCount(1 + 3);
  await expect(replay.getByRole('status', { name: 'Replay step' })).toHaveText(
    new RegExp(`^Step 3 of ${total - 1}`),
  );
  // Replay plays it forward step by step, to the end.
  await replay.getByRole('button', { name: 'Replay' }).click();
  await expect(replay.getByRole('button', { name: 'Pause replay' })).toBeVisible();
  await expect(timeline.getByRole('row')).toHaveCount(total, { timeout: 60_000 });

  await detail(page).getByRole('button', { name: 'Show raw JSON' }).click();
  await expect(detail(page).getByLabel('Raw events')).toContainText('"kind": "transition"');
  await detail(page).getByRole('button', { name: 'Show the timeline' }).click();
  await expect(timeline).toBeVisible();
  expect(remoteCalls).toEqual([]);
});
