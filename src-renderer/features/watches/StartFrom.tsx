// A new watch can start from a saved template or a past task (as a new schedule can): its
// prompt, starting URL, output, cost cap and environment fill the task fields.
import { useEffect, useMemo } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { useTasksStore } from '../../stores/tasks-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { fieldsFrom, type WatchForm } from './watch-form';

export function StartFrom({
  id,
  name,
  onPick,
}: {
  id: string;
  name: string;
  onPick(patch: Partial<WatchForm>): void;
}) {
  const templates = useTemplatesStore((s) => s.templates);
  const loadTemplates = useTemplatesStore((s) => s.load);
  const byId = useTasksStore((s) => s.byId);
  const order = useTasksStore((s) => s.order);
  const pastTasks = useMemo(
    () =>
      order
        .map((taskId) => byId[taskId])
        .filter((t): t is TaskView => !!t && t.status === 'completed')
        .slice(0, 20),
    [order, byId],
  );
  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);

  const pick = (value: string): void => {
    const [kind, key] = value.split(':', 2) as [string, string];
    const source =
      kind === 'template'
        ? templates.find((t) => t.name === key)
        : kind === 'task'
          ? byId[key]
          : null;
    if (!source) return;
    const label = kind === 'template' ? key : source.prompt.slice(0, 60);
    onPick({ ...fieldsFrom(source), ...(name.trim() ? {} : { name: label }) });
  };

  return (
    <div className="field">
      <label htmlFor={`${id}-from`}>Start from</label>
      <select id={`${id}-from`} value="" onChange={(e) => pick(e.target.value)}>
        <option value="">Scratch (or pick a template or past task)</option>
        {templates.length > 0 && (
          <optgroup label="Templates">
            {templates.map((t) => (
              <option key={t.name} value={`template:${t.name}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
        {pastTasks.length > 0 && (
          <optgroup label="Past tasks">
            {pastTasks.map((t) => (
              <option key={t.id} value={`task:${t.id}`}>
                {t.prompt.slice(0, 80)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
