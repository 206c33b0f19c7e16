// A watch's alert becomes a desktop notification while the app is in the background (the
// window may be closed); clicking it shows the run. Silent while the app has focus.
import { describe, expect, it, vi } from 'vitest';
import type { DeskEvent } from '../../src-main/contract/index';
import { attachNotifications } from '../../src-main/electron/notifications';

function setup(focused: boolean) {
  let listener: (e: DeskEvent) => void = () => {};
  const notify = vi.fn();
  const reveal = vi.fn();
  attachNotifications({
    subscribe: (l) => ((listener = l), () => {}),
    notify,
    isFocused: () => focused,
    setBadge: vi.fn(),
    notifyOnTaskEnd: () => false,
    reveal,
  });
  return { notify, reveal, emit: (e: DeskEvent) => listener(e) };
}

const alert: DeskEvent = {
  name: 'watch.alert',
  payload: {
    watchId: 'w1',
    taskId: 'task-9',
    kind: 'material_change',
    message: 'Kettle price changed: price.',
    at: 1,
  },
};

describe('watch notifications', () => {
  it('notifies a material change in the background, and its click shows the run', () => {
    const { notify, reveal, emit } = setup(false);
    emit(alert);
    expect(notify).toHaveBeenCalledWith(
      'A watch changed',
      'Kettle price changed: price.',
      expect.any(Function),
    );
    (notify.mock.calls[0]![2] as () => void)();
    expect(reveal).toHaveBeenCalledWith('task-9');
  });

  it('stays silent while the app has focus', () => {
    const { notify, emit } = setup(true);
    emit(alert);
    expect(notify).not.toHaveBeenCalled();
  });
});
