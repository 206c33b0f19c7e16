// Tasks: creating them, reading them, and steering them while they run (including the
// guardrail inbox and the files a task takes along).
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers, TaskView } from '../../contract/index';
import { localCopy, LocalCopyError } from '../files/local-copy';
import { liveViewOf } from './live-view';
import { isEnded } from '../../contract/task-status';
import type { StoredTask } from './task-store';
import { buildStory } from './story';
import type { HandlerContext } from '../handlers/context';
import { eachOf, remote, writableCheck } from '../handlers/guards';
import { publicView } from './public-view';

export type TaskContext = Pick<
  HandlerContext,
  | 'store'
  | 'details'
  | 'history'
  | 'sessions'
  | 'runner'
  | 'client'
  | 'now'
  | 'readOnlyReason'
  | 'mcpRequests'
  | 'info'
  | 'filesDir'
  | 'openPath'
  | 'watch'
  | 'tasks'
>;

type TaskMethod =
  Extract<keyof DeskHandlers, `tasks.${string}`> | 'inbox.list' | 'files.upload' | 'files.open';

export function taskHandlers(ctx: TaskContext): Pick<DeskHandlers, TaskMethod> {
  const { store, details, history, sessions, runner } = ctx;
  const writable = writableCheck(ctx.readOnlyReason);

  const getTask = (id: string): StoredTask => {
    const task = store.get(id);
    if (!task) throw new DeskError('not_found', `No task with id ${id}.`);
    return task;
  };
  const view = (id: string): TaskView => publicView(getTask(id));

  // Every control goes through the runner's TaskControls: the one place that sends one.
  const { controls } = runner;
  const cancel = async (id: string): Promise<TaskView> => {
    writable();
    const task = getTask(id);
    if (task.status === 'submitting') {
      // Sent but not yet answered: cancel as soon as WebRun says what became of it.
      await ctx.watch.next(id, (t) => t.status !== 'submitting');
      return cancel(id);
    }
    await controls.cancel(id);
    return view(id);
  };

  return {
    'tasks.create': (input) => ctx.tasks.create(input),
    'tasks.list': (input) => {
      const page = history.list({}, input.limit, input.before);
      return { tasks: page.tasks.map(publicView), nextCursor: page.nextCursor };
    },
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
    'tasks.cancel': (input) => cancel(input.id),
    'tasks.cancelMany': async (input) => {
      const { done, failed } = await eachOf(input.ids, cancel);
      return { cancelled: done, failed };
    },
    'tasks.restore': (input) => ctx.tasks.restore(input.id),
    'tasks.stop': async (input) => {
      await controls.userStop(input.id);
      return view(input.id);
    },
    'tasks.pause': async (input) => {
      await controls.pause(input.id);
      return view(input.id);
    },
    'tasks.resume': async (input) => {
      await controls.resume(input.id);
      return view(input.id);
    },
    'tasks.retry': (input) => {
      const task = getTask(input.id);
      if (!isEnded(task.status))
        throw new DeskError('conflict', 'Only a finished task can be run again.');
      return ctx.tasks.rerun(
        task,
        input.environmentId === undefined ? task.environmentId : input.environmentId,
      );
    },
    'tasks.resubmit': (input) => {
      const task = getTask(input.id);
      if (task.status !== 'unknown')
        throw new DeskError(
          'conflict',
          'Only a task whose outcome is unknown can be submitted again this way; use retry.',
        );
      return ctx.tasks.rerun(task);
    },
    'tasks.check': (input) => {
      controls.check(input.id);
      return view(input.id);
    },
    'tasks.answer': async (input) => {
      await controls.answer(input.id, input.answer, input.by);
      return view(input.id);
    },
    'tasks.takeOver': async (input) => ({ webViewUrl: await controls.takeOver(input.id) }),
    'tasks.release': async (input) => {
      await controls.release(input.id);
      return { ok: true as const };
    },
    'tasks.liveView': (input) => {
      const task = getTask(input.id);
      const session = task.sessionId ? sessions.get(task.sessionId) : null;
      return liveViewOf({
        status: task.status,
        mode: task.mode,
        session,
        backendBaseUrl: ctx.info.backend.baseUrl,
        events: store.events(task.id),
      });
    },
    'tasks.move': (input) => {
      controls.move(input.id, input.priority, input.before);
      return view(input.id);
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
    'files.upload': async (input) =>
      remote('upload the files', () =>
        ctx.client.uploadFiles(
          input.files.map((f) => ({
            name: f.name,
            type: f.type,
            data: Buffer.from(f.base64, 'base64'),
          })),
        ),
      ),
    'files.open': async (input) => {
      getTask(input.taskId);
      if (!ctx.openPath)
        throw new DeskError(
          'unavailable',
          'Opening a file with the system works in the desktop app; here the page opens the served copy.',
        );
      let copy;
      try {
        copy = localCopy(details, ctx.filesDir, input.taskId, input.filename);
      } catch (error) {
        if (error instanceof LocalCopyError)
          throw new DeskError(
            error.reason === 'outside' ? 'forbidden' : 'not_found',
            error.message,
          );
        throw error;
      }
      const problem = await ctx.openPath(copy.path);
      if (problem)
        throw new DeskError(
          'unavailable',
          `The system could not open ${copy.filename}: ${problem}`,
        );
      return { ok: true as const };
    },
  };
}
