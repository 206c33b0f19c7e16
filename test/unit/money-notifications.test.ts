// A money alert (a run costing far more than usual, a held queue) becomes a desktop
// notification while the app is in the background; clicking an anomaly's shows its task.
import { describe, expect, it, vi } from 'vitest';
import type { DeskEvent, MoneyAlert } from '../../src-main/contract/index';
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
  const alert = (payload: MoneyAlert) => listener({ name: 'money.alert', payload });
  return { notify, reveal, alert };
}

const anomaly: MoneyAlert = {
  kind: 'anomaly',
  taskId: 'task-7',
  title: 'A task costs far more than usual',
  text: 'Costs $0.0301 so far, past $0.0300.',
};

describe('money notifications', () => {
  it('notifies an anomaly in the background, and its click shows the task', () => {
    const { notify, reveal, alert } = setup(false);
    alert(anomaly);
    expect(notify).toHaveBeenCalledWith(anomaly.title, anomaly.text, expect.any(Function));
    (notify.mock.calls[0]![2] as () => void)();
    expect(reveal).toHaveBeenCalledWith('task-7');
    alert({ kind: 'balance_hold', taskId: null, title: 'Queue held: balance', text: 'Held.' });
    (notify.mock.calls[1]![2] as () => void)();
    expect(reveal).toHaveBeenCalledTimes(1);
  });

  it('stays silent while the app has focus (the flag and a toast show it)', () => {
    const { notify, alert } = setup(true);
    alert(anomaly);
    expect(notify).not.toHaveBeenCalled();
  });
});
