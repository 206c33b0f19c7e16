// "Run again": a finished task's inputs back in the composer, to edit before running. As with
// templates, what belonged to that one run stays behind: uploaded files (WebRun's ids are for
// one use) and a follow-up's session (it has ended, or will have).
import type { TaskView } from '../../../src-main/contract/index';
import { formFromTemplate } from './template-form';
import type { ComposerForm } from './compose-input';

export function formFromTask(task: TaskView): ComposerForm {
  const { files: _files, ...options } = task.options;
  return {
    ...formFromTemplate({
      name: 'Run again',
      prompt: task.prompt,
      startingUrl: task.startingUrl,
      options,
      mode: task.mode,
      tags: task.tags,
      costCap: task.costCap,
      priority: task.priority,
      credentials: task.credentialSites,
      environmentId: task.environmentId ?? null,
    }),
    keepSessionOpen: task.mode === 'session' && task.keepSessionOpen,
    // Run again keeps the template the first run was made from (or none), for spend by template.
    template: task.template ?? '',
  };
}
