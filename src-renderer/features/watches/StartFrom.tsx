// A new watch can start from a saved template or a past completed task (as a new schedule can):
// its prompt, starting URL, output, cost cap and environment fill the task fields.
import type { TaskView } from '../../../src-main/contract/index';
import { sourceName, StartFromPicker, type StartSource } from '../common/StartFromPicker';
import { fieldsFrom, type WatchForm } from './watch-form';

const completed = (t: TaskView): boolean => t.status === 'completed';

export function StartFrom({
  id,
  name,
  onPick,
}: {
  id: string;
  name: string;
  onPick(patch: Partial<WatchForm>): void;
}) {
  const pick = (source: StartSource): void => {
    const from = source.kind === 'template' ? source.template : source.task;
    onPick({ ...fieldsFrom(from), ...(name.trim() ? {} : { name: sourceName(source) }) });
  };
  return <StartFromPicker id={id} className="field" pastTask={completed} onPick={pick} />;
}
