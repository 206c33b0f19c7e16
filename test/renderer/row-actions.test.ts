// The lifecycle actions schedules and watches share: which buttons a row offers, and what each
// is called for a screen reader.
import { describe, expect, it } from 'vitest';
import { lifecycleActions, type RowAction } from '../../src-renderer/features/common/RowActions';

const noop = (): void => undefined;
const shown = (actions: (RowAction | null)[]) =>
  actions.filter((a): a is RowAction => a !== null).map((a) => [a.text, a.label]);

describe('lifecycleActions', () => {
  it('offers Pause to an active one, each button named for the thing it acts on', () => {
    const actions = lifecycleActions('Morning prices', {
      edit: noop,
      pause: noop,
      resume: null,
      run: noop,
      remove: noop,
    });
    expect(shown(actions)).toEqual([
      ['Edit', 'Edit Morning prices'],
      ['Pause', 'Pause Morning prices'],
      ['Run now', 'Run Morning prices now'],
      ['Delete', 'Delete Morning prices'],
    ]);
    expect(actions.find((a) => a?.text === 'Delete')?.danger).toBe(true);
    expect(actions.find((a) => a?.text === 'Run now')).toMatchObject({ disabled: false });
  });

  it('offers Resume to a paused one, and says why Run now is off when it is', () => {
    const actions = lifecycleActions('Kettle price', {
      edit: noop,
      pause: null,
      resume: noop,
      run: noop,
      runBlocked: 'Resume it to run it',
      remove: noop,
    });
    expect(shown(actions).map(([text]) => text)).toEqual(['Edit', 'Resume', 'Run now', 'Delete']);
    expect(actions.find((a) => a?.text === 'Run now')).toMatchObject({
      disabled: true,
      title: 'Resume it to run it',
    });
  });

  it('offers neither Pause nor Resume to one that has ended', () => {
    const actions = lifecycleActions('Once at noon', {
      edit: noop,
      pause: null,
      resume: null,
      run: noop,
      remove: noop,
    });
    expect(shown(actions).map(([text]) => text)).toEqual(['Edit', 'Run now', 'Delete']);
  });
});
