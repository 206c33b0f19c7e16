// A watch's task: its template with the placeholders filled from the watch's values, through
// the batch template's rendering (the one way `{{name}}` is filled in prompt, starting URL and
// schema descriptions), checked by the same rules as any task, so a watch that would be refused
// is refused when it is saved, not at 3 a.m.
import { checkNewTask, parseNewTask } from '../tasks/task-service';
import type { WatchSpec } from '../../contract/watches';
import { placeholders, renderTask } from '../batches/template';
import { schemaProblem } from '../settings/json-schema';
import { checkWatchSchedule } from './watch-schedule';
import type { BatchTemplate } from '../../contract/batches';

function asBatchTemplate(spec: Pick<WatchSpec, 'template'>): BatchTemplate {
  return { ...spec.template, rowsPerSession: 1, tags: [], priority: 0 };
}

/** The task one run of the watch creates (checked by the task service's one check). */
export function watchTask(spec: Pick<WatchSpec, 'template' | 'values'>) {
  return parseNewTask(renderTask(asBatchTemplate(spec), spec.values, null));
}

/** What is wrong with a watch, for a person; empty when it can be saved. */
export function watchProblems(spec: WatchSpec): string[] {
  const problems: string[] = [];
  const schedule = checkWatchSchedule(spec.schedule);
  if (!schedule.ok) problems.push(schedule.message);
  for (const check of spec.checks) {
    const problem = check.kind === 'schema' && check.schema ? schemaProblem(check.schema) : null;
    if (problem) problems.push(problem);
  }
  const missing = placeholders(asBatchTemplate(spec)).filter(
    (name) => (spec.values[name] ?? '').trim() === '',
  );
  if (missing.length > 0) problems.push(`No value for the placeholder(s) ${missing.join(', ')}.`);
  const task = checkNewTask(renderTask(asBatchTemplate(spec), spec.values, null));
  if (!task.ok) problems.push(...task.issues.map((issue) => issue.message).slice(0, 5));
  return problems;
}
