// Reading a task: itself, its details (samples, network, files, questions, events), its story,
// where to watch its browser, and the guardrail inbox (the questions waiting for an answer).
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers, TaskView } from '../../contract/index';
import type { McpRequestsStore } from '../mcp-approvals/mcp-requests-store';
import type { SessionStore } from '../sessions/session-store';
import { liveViewOf } from './live-view';
import { publicView } from './public-view';
import { buildStory } from './story';
import type { TaskDetailsStore } from './task-details-store';
import type { StoredTask, TaskStore } from './task-store';

export interface TaskReadContext {
  store: TaskStore;
  details: TaskDetailsStore;
  sessions: Pick<SessionStore, 'get'>;
  /** Who started a task, for the inbox: an assistant's name, or null for a person. */
  mcpRequests: Pick<McpRequestsStore, 'clientOf'>;
  /** The backend's address: the live view is framed only from its origin. */
  backendBaseUrl: string;
}

type ReadMethod =
  'tasks.get' | 'tasks.details' | 'tasks.activity' | 'tasks.liveView' | 'inbox.list';

/** The task, or a refusal (not_found) naming the id. */
export function taskGetter(store: TaskStore): (id: string) => StoredTask {
  return (id) => {
    const task = store.get(id);
    if (!task) throw new DeskError('not_found', `No task with id ${id}.`);
    return task;
  };
}

export function taskReads(ctx: TaskReadContext): Pick<DeskHandlers, ReadMethod> {
  const { store, details } = ctx;
  const getTask = taskGetter(store);
  const view = (id: string): TaskView => publicView(getTask(id));
  return {
    'tasks.get': (input) => view(input.id),
    'tasks.details': (input) => {
      getTask(input.id);
      return {
        samples: details.usageSamples(input.id),
        network: details.network(input.id, 5_000),
        networkTotal: store.networkTotal(input.id) ?? details.networkCount(input.id),
        networkStored: details.networkCount(input.id),
        files: details
          .files(input.id)
          .map(({ filename, source, downloadUrl, localPath, size }) => ({
            filename,
            source,
            downloadUrl,
            localPath,
            size,
          })),
        guardrails: details
          .guardrails(input.id)
          .map(({ question, askedAt, answeredAt, outcome }) => ({
            question,
            askedAt,
            answeredAt,
            outcome,
          })),
        events: store.events(input.id).slice(-1_000),
      };
    },
    'tasks.activity': (input) => {
      getTask(input.id);
      const sources = {
        events: store.events(input.id),
        guardrails: details.guardrails(input.id),
        samples: details.usageSamples(input.id),
        network: details.network(input.id, 2_000),
      };
      return buildStory(input.id, sources).slice(input.from, input.from + input.limit);
    },
    'tasks.liveView': (input) => {
      const task = getTask(input.id);
      const session = task.sessionId ? ctx.sessions.get(task.sessionId) : null;
      return liveViewOf({
        status: task.status,
        mode: task.mode,
        session,
        backendBaseUrl: ctx.backendBaseUrl,
        events: store.events(task.id),
      });
    },
    'inbox.list': () =>
      details.openGuardrails().flatMap((g) => {
        const task = store.get(g.taskId);
        return task && task.status === 'needs_input'
          ? [
              {
                taskId: task.id,
                prompt: task.prompt,
                question: g.question,
                askedAt: g.askedAt,
                sessionId: task.sessionId,
                startedBy: ctx.mcpRequests.clientOf(task.id),
              },
            ]
          : [];
      }),
  };
}
