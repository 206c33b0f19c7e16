// The WebRun task a stored task becomes. Credentials come from memory only (they are never
// stored), so a task re-sent after a restart goes without them.
import type { StoredTask } from '../tasks/task-store';
import type { Secrets } from '../secrets/secret-store';
import type { TaskInput } from '../webrun/request-body';

export function taskInputOf(task: StoredTask, secrets: Secrets | undefined): TaskInput {
  const o = task.options;
  const input: TaskInput = { prompt: task.prompt, startingUrl: task.startingUrl };
  if (o.outputType !== 'text') input.outputType = o.outputType;
  if (o.outputSchema !== null) input.outputSchema = o.outputSchema;
  if (o.maxDuration !== null) input.maxDuration = o.maxDuration;
  if (o.maxInputTokens !== null) input.maxInputTokens = o.maxInputTokens;
  if (o.maxOutputTokens !== null) input.maxOutputTokens = o.maxOutputTokens;
  if (o.files.length > 0) input.files = o.files;
  if (secrets && secrets.length > 0) input.secrets = secrets;
  return input;
}
