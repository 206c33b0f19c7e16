import type { TaskView } from '../../contract/index';
import type { StoredTask } from './task-store';

/** The contract's TaskView, without runner-only fields such as the poll URL. */
export function publicView(task: StoredTask): TaskView {
  const { pollUrl: _pollUrl, deadlineAt: _deadlineAt, ...view } = task;
  return view;
}
