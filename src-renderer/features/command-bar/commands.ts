// What the command bar offers for what was typed: pure, so the matching and the order are
// tested without a page. Each command is data (what to do); command-actions.ts does it.
import type { TaskView, Template } from '../../../src-main/contract/index';
import { STATUS_LABEL } from '../../format';
import { shortPrompt } from '../../stores/loss-text';
import type { View } from '../../stores/route';

export type CommandAction =
  | { kind: 'new-task' }
  | { kind: 'answer' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'shortcuts' }
  | { kind: 'view'; view: View }
  | { kind: 'search'; text: string }
  | { kind: 'template'; name: string }
  | { kind: 'task'; id: string };

export interface Command {
  id: string;
  label: string;
  /** A second, quieter line: a task's status, a template's prompt. */
  detail?: string;
  /** More words that find it ("preferences" finds Settings). */
  keywords?: string;
  action: CommandAction;
}

export interface CommandSources {
  templates: readonly Template[];
  /** Tasks the page holds (queue and loaded history), newest first; matched by prompt and tags. */
  tasks: readonly TaskView[];
  /** Tasks the core's full-text search found for the query (prompts, results, URLs). */
  found: readonly TaskView[];
  waitingQuestions: number;
  queuePaused: boolean | null;
}

const VIEW_LABEL: [View, string, string][] = [
  ['queue', 'Go to Queue', 'tasks running list home'],
  ['history', 'Go to History', 'past tasks finished results'],
  ['inbox', 'Go to Inbox', 'questions guardrails'],
  ['batches', 'Go to Batches', 'csv rows bulk'],
  ['spend', 'Go to Spend', 'cost money budget charts'],
  ['sessions', 'Go to Sessions', 'browsers open terminate'],
  ['environments', 'Go to Environments', 'profiles logins cookies'],
  ['schedules', 'Go to Schedules', 'cron triggers recurring every'],
  ['watches', 'Go to Watches', 'monitor changes alerts checks compare'],
  ['settings', 'Open Settings', 'preferences options api key configuration'],
];

/** Every word typed must appear somewhere in the command's words. */
export function matches(query: string, ...texts: (string | undefined)[]): boolean {
  const haystack = texts.filter(Boolean).join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const MAX_TASKS = 8;

export function commandsFor(query: string, sources: CommandSources): Command[] {
  const q = query.trim();
  const actions: Command[] = [
    {
      id: 'new-task',
      label: 'New task',
      keywords: 'create compose run prompt',
      action: { kind: 'new-task' },
    },
  ];
  if (sources.waitingQuestions > 0) {
    const n = sources.waitingQuestions;
    actions.push({
      id: 'answer',
      label: 'Answer the next question',
      detail: `${n} waiting`,
      keywords: 'guardrail reply inbox',
      action: { kind: 'answer' },
    });
  }
  if (sources.queuePaused === false)
    actions.push({
      id: 'pause',
      label: 'Pause the queue',
      keywords: 'hold stop dispatch',
      action: { kind: 'pause' },
    });
  if (sources.queuePaused === true)
    actions.push({
      id: 'resume',
      label: 'Resume the queue',
      keywords: 'continue start dispatch',
      action: { kind: 'resume' },
    });
  const templates: Command[] = sources.templates.map((t) => ({
    id: `template:${t.name}`,
    label: `Run template “${t.name}”`,
    detail: shortPrompt(t.prompt, 80),
    keywords: `template start ${t.prompt}`,
    action: { kind: 'template', name: t.name },
  }));
  const views: Command[] = VIEW_LABEL.map(([view, label, keywords]) => ({
    id: `view:${view}`,
    label,
    keywords,
    action: { kind: 'view', view },
  }));
  const help: Command = {
    id: 'shortcuts',
    label: 'Show keyboard shortcuts',
    keywords: 'help keys',
    action: { kind: 'shortcuts' },
  };
  // Typing a view's name ("queue") means going there: views whose label matches come before
  // actions that merely mention it ("Pause the queue").
  const named = views.filter((c) => q !== '' && matches(q, c.label));
  const rest = [...actions, ...templates, ...views, help].filter((c) => !named.includes(c));
  const fixed = [...named, ...rest.filter((c) => matches(q, c.label, c.keywords))];
  if (!q) return fixed;
  const seen = new Set<string>();
  const tasks: Command[] = [];
  const local = sources.tasks.filter((t) => matches(q, t.prompt, t.tags.join(' ')));
  for (const task of [...local, ...sources.found]) {
    if (tasks.length >= MAX_TASKS || seen.has(task.id)) continue;
    seen.add(task.id);
    tasks.push({
      id: `task:${task.id}`,
      label: `Open task “${shortPrompt(task.prompt, 60)}”`,
      detail: STATUS_LABEL[task.status],
      action: { kind: 'task', id: task.id },
    });
  }
  const search: Command = {
    id: 'search',
    label: `Search history for “${shortPrompt(q, 40)}”`,
    action: { kind: 'search', text: q },
  };
  return [...fixed, ...tasks, search];
}
