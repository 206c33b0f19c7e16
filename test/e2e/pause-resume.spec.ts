// Bug: after Pause the inspector jumped to Result, and Resume existed only on the Live tab.
// The inspector stays where the person was, and Resume takes Pause's place, on every tab.
import { expect, test } from './fixture';
import { compose, confirm, detail, taskStatus } from './helpers';

test.use({ serveEnv: { WEBRUN_SANDBOX_TIME_SCALE: '0.1' } });

test('Pause keeps the tab the person was on, and Resume is where Pause was', async ({
  appPage: page,
}) => {
  await compose(page, 'Read every review of the hotel [duration:300s]');
  const inspector = detail(page);
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 45_000 });
  const live = inspector.getByRole('tab', { name: 'Live' });
  await live.click();
  const controls = inspector.getByRole('group', { name: 'Task controls' });
  await expect(controls.getByRole('button').first()).toHaveText('Pause');
  await controls.getByRole('button', { name: 'Pause' }).click();
  await expect(taskStatus(page)).toHaveText('Paused');
  await expect(live).toHaveAttribute('aria-selected', 'true');
  await expect(controls.getByRole('button').first()).toHaveText('Resume');
  await expect(controls.getByRole('button', { name: 'Pause' })).toHaveCount(0);

  // From any tab, not only Live.
  await inspector.getByRole('tab', { name: 'Result' }).click();
  await controls.getByRole('button', { name: 'Resume' }).click();
  await expect(taskStatus(page)).toHaveText('Running', { timeout: 30_000 });
  await expect(inspector.getByRole('tab', { name: 'Result' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(controls.getByRole('button').first()).toHaveText('Pause');
  await inspector.getByRole('button', { name: 'Cancel task' }).click();
  await confirm(page, 'Cancel task');
  await expect(taskStatus(page)).toHaveText('Cancelled', { timeout: 30_000 });
});
