import { expect, test } from './fixture';
import { compose, detail, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test("the Live tab shows the session's browser beside the story; Take over gives the user control, visibly, until Release", async ({
  app,
  page,
}) => {
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to frame/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto(app.url);
  await page.getByText('Options').click();
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('session');
  await compose(page, 'Watch me browse the catalogue [duration:120s]');
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 45_000 });
  await detail(page).getByRole('tab', { name: 'Live' }).click();

  const browser = detail(page).getByRole('region', { name: 'Live browser' });
  const frame = browser.getByTitle("Live view of the task's browser");
  await expect(frame).toBeVisible();
  // The sandbox's player, inside the app's page (the CSP admits the backend's origin).
  const player = page.frameLocator('iframe[title="Live view of the task\'s browser"]');
  await expect(player.getByRole('cell', { name: 'agent', exact: true })).toBeVisible();
  await expect(detail(page).getByRole('region', { name: 'Step story' })).toBeVisible();

  await browser.getByRole('button', { name: 'Take over' }).click();
  await expect(browser.getByRole('status', { name: 'Browser control state' })).toHaveText(
    /You have control of the browser/,
  );
  await expect(browser.getByRole('button', { name: 'Take over' })).toBeDisabled();
  await expect(player.getByRole('cell', { name: 'user (agent paused)' })).toBeVisible();
  await expect(detail(page).getByRole('list', { name: 'Activity' })).toContainText(
    'You took over the browser',
  );

  // The state survives a reload: it is the core's record, not the page's memory.
  await page.reload();
  await page
    .getByRole('list', { name: 'Tasks' })
    .getByRole('button', { name: /Watch me browse/ })
    .click();
  await detail(page).getByRole('tab', { name: 'Live' }).click();
  await expect(browser.getByRole('status', { name: 'Browser control state' })).toBeVisible();

  await browser.getByRole('button', { name: 'Release' }).click();
  await expect(browser.getByRole('status', { name: 'Browser control state' })).toHaveCount(0);
  await expect(player.getByRole('cell', { name: 'agent', exact: true })).toBeVisible();
  await expect(detail(page).getByRole('list', { name: 'Activity' })).toContainText(
    'You handed the browser back',
  );
  expect(blocked).toEqual([]);
  await detail(page).getByRole('button', { name: 'Stop' }).click();
});
