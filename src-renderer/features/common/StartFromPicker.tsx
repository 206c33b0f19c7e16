// "Start from": a new schedule or watch can begin from a saved template or a recent task. One
// picker for both, so they list the same sources the same way; each form decides which past
// tasks make sense (a schedule skips tasks its triggers ran, a watch wants completed ones) and
// which of the source's fields it takes.
import { useEffect, useMemo } from 'react';
import type { TaskView, Template } from '../../../src-main/contract/index';
import { useTasksStore } from '../../stores/tasks-store';
import { useTemplatesStore } from '../../stores/templates-store';

export type StartSource =
  { kind: 'template'; template: Template } | { kind: 'task'; task: TaskView };

/** At most this many recent tasks are offered: the list is for picking, not for browsing. */
const PAST_TASKS = 20;

export function StartFromPicker({
  id,
  className,
  pastTask,
  onPick,
}: {
  id: string;
  className: string;
  /** Which past tasks can be started from. */
  pastTask(task: TaskView): boolean;
  onPick(source: StartSource): void;
}) {
  const templates = useTemplatesStore((s) => s.templates);
  const loadTemplates = useTemplatesStore((s) => s.load);
  const byId = useTasksStore((s) => s.byId);
  const order = useTasksStore((s) => s.order);
  const pastTasks = useMemo(
    () =>
      order
        .map((taskId) => byId[taskId])
        .filter((t): t is TaskView => !!t && pastTask(t))
        .slice(0, PAST_TASKS),
    [order, byId, pastTask],
  );
  useEffect(() => {
    void loadTemplates();
  }, [loadTemplates]);

  const pick = (value: string): void => {
    const [kind, key] = value.split(':', 2) as [string, string];
    const template = kind === 'template' ? templates.find((t) => t.name === key) : undefined;
    const task = kind === 'task' ? byId[key] : undefined;
    if (template) onPick({ kind: 'template', template });
    else if (task) onPick({ kind: 'task', task });
  };

  return (
    <span className={className}>
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
    </span>
  );
}

/** The name a source suggests for what is made from it: a template's name, a task's prompt. */
export function sourceName(source: StartSource): string {
  return source.kind === 'template' ? source.template.name : source.task.prompt.slice(0, 60);
}
