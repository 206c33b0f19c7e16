// The contract's methods, implemented on the core. Inputs arrive parsed by the contract;
// every refusal is a DeskError with a code the UI can act on and a message a person can read.
import { randomUUID } from 'node:crypto';
import { DeskError } from '../contract/dispatch';
import type { DeskHandlers } from '../contract/index';
import { Template, type AppInfo, type BackendSettings, type BudgetSettings, type BudgetStatus, type RunnerSettings, type SessionView, type TaskView } from '../contract/schemas';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SettingsStore } from './store/settings-store';
import type { WebRunClient } from './webrun/client';
import { isEnded } from '../contract/task-status';
import type { Runner } from './runner/runner';
import { spendSummary } from './spend';
import { exportChunks } from './store/export';
import { storageProblem } from './store/storage-errors';
import type { SecretStore } from './secrets/secret-store';
import type { HistoryStore } from './store/history-store';
import type { SessionStore } from './store/session-store';
import type { TaskDetailsStore } from './store/task-details-store';
import type { StoredTask, TaskStore } from './store/task-store';
import { remote } from './runner/task-controls';
import { PRICES } from './webrun/pricing';

type AllSettings = { runner: RunnerSettings; budget: BudgetSettings; backend: BackendSettings; restartRequired: boolean };

const Templates = z.array(Template).default([]);

export interface HandlerContext {
  info: AppInfo;
  readOnlyReason: string | null;
  details: TaskDetailsStore;
  history: HistoryStore;
  sessions: SessionStore;
  runner: Runner;
  client: Pick<WebRunClient, 'uploadFiles'>;
  now: () => number;
  settings: {
    get(): AllSettings;
    update(patch: { runner?: Partial<RunnerSettings>; budget?: Partial<BudgetSettings>; backend?: Partial<BackendSettings> }): AllSettings;
  };
  store: TaskStore;
  /** Templates and other small JSON kept in the database. */
  settingsStore: SettingsStore;
  filesDir: string;
  budget(): BudgetStatus;
  secrets: SecretStore;
  /** The key the running backend was started with (null: the sandbox). */
  activeApiKey: string | null;
}

/** The contract's TaskView, without runner-only fields such as the poll URL. */
export function publicView(task: StoredTask): TaskView {
  const { pollUrl: _pollUrl, ...view } = task;
  return view;
}

/** Storage failures (disk full, read-only file) reach the UI as a reason, not as a crash. */
function withStorageErrors(handlers: DeskHandlers): DeskHandlers {
  const translate = (error: unknown): never => {
    const problem = storageProblem(error);
    throw problem ? new DeskError('unavailable', problem) : error;
  };
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[name] = (input) => {
      try {
        const result = handler(input);
        return result instanceof Promise ? result.catch(translate) : result;
      } catch (error) {
        return translate(error);
      }
    };
  }
  return wrapped as unknown as DeskHandlers;
}

export function createHandlers(ctx: HandlerContext): DeskHandlers {
  return withStorageErrors(handlersOf(ctx));
}

function handlersOf(ctx: HandlerContext): DeskHandlers {
  const { store, details, history, sessions, runner } = ctx;

  const writable = (): void => {
    if (ctx.readOnlyReason) throw new DeskError('unavailable', ctx.readOnlyReason);
  };
  const getTask = (id: string): StoredTask => {
    const task = store.get(id);
    if (!task) throw new DeskError('not_found', `No task with id ${id}.`);
    return task;
  };
  const view = (id: string): TaskView => publicView(getTask(id));

  /** A new queued task with the same inputs as `source`, linked to it. */
  const again = (source: StoredTask): TaskView => {
    writable();
    const session = source.sessionId ? sessions.get(source.sessionId) : null;
    const followUp = source.mode === 'session' && session?.status === 'open' && source.sessionId !== null;
    const task = store.create({
      id: randomUUID(),
      prompt: source.prompt,
      startingUrl: source.startingUrl,
      createdAt: ctx.now(),
      mode: source.mode,
      priority: source.priority,
      tags: source.tags,
      retryOf: source.id,
      options: source.options,
      costCap: source.costCap,
      keepSessionOpen: source.keepSessionOpen,
      sessionId: followUp ? source.sessionId : null,
      credentialSites: source.credentialSites,
    });
    runner.enqueue(task);
    return publicView(task);
  };

  const sessionView = (s: ReturnType<SessionStore['get']> & object): SessionView => {
    const minutes = ((s.endedAt ?? ctx.now()) - s.createdAt) / 60_000;
    return {
      id: s.id,
      status: s.status,
      createdAt: s.createdAt,
      endedAt: s.endedAt,
      endReason: s.endReason,
      keepOpen: s.keepOpen,
      stray: s.status === 'open' && s.runId !== sessions.runId,
      webViewUrl: s.webViewUrl,
      estimatedComputeCost: Math.round(Math.max(0, minutes) * PRICES.sessionPerMinute * 10_000) / 10_000,
    };
  };

  const manyResult = async (ids: string[], act: (id: string) => Promise<unknown>) => {
    let done = 0;
    const failed: { id: string; message: string }[] = [];
    for (const id of ids) {
      try {
        await act(id);
        done += 1;
      } catch (error) {
        failed.push({ id, message: (error as Error).message });
      }
    }
    return { done, failed };
  };

  // Every control goes through the runner's TaskControls: the one place that sends one.
  const { controls } = runner;
  const cancel = async (id: string): Promise<TaskView> => {
    await controls.cancel(id);
    return view(id);
  };

  return {
    'app.info': () => ctx.info,

    'tasks.create': (input) => {
      writable();
      // Checked now for a clear answer; the values are read again when the task is sent.
      const { unreadable } = ctx.secrets.credentialsFor(input.credentials ?? []);
      if (unreadable.length > 0) {
        throw new DeskError('conflict', `Saved credentials for ${unreadable.join(', ')} are missing or can no longer be read; save them again.`);
      }
      if (input.sessionId) {
        const session = sessions.get(input.sessionId);
        if (!session || session.status !== 'open') throw new DeskError('conflict', `Session ${input.sessionId} is not open; start the task in a new session instead.`);
      }
      const task = store.create({
        id: randomUUID(),
        prompt: input.prompt,
        startingUrl: input.startingUrl ?? null,
        createdAt: ctx.now(),
        mode: input.sessionId ? 'session' : input.mode,
        priority: input.priority,
        tags: input.tags,
        options: input.options,
        costCap: input.costCap ?? null,
        keepSessionOpen: input.keepSessionOpen,
        sessionId: input.sessionId ?? null,
        credentialSites: input.credentials ?? [],
      });
      runner.enqueue(task);
      return publicView(store.get(task.id)!);
    },
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
        files: details.files(input.id).map(({ filename, source, downloadUrl, localPath, size }) => ({ filename, source, downloadUrl, localPath, size })),
        guardrails: details.guardrails(input.id).map(({ question, askedAt, answeredAt, outcome }) => ({ question, askedAt, answeredAt, outcome })),
        events: store.events(input.id).slice(-1_000),
      };
    },
    'tasks.activity': (input) => {
      getTask(input.id);
      return store.activity(input.id, input.limit);
    },
    'tasks.cancel': (input) => cancel(input.id),
    'tasks.cancelMany': async (input) => {
      const { done, failed } = await manyResult(input.ids, cancel);
      return { cancelled: done, failed };
    },
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
      if (!isEnded(task.status)) throw new DeskError('conflict', 'Only a finished task can be run again.');
      return again(task);
    },
    'tasks.resubmit': (input) => {
      const task = getTask(input.id);
      if (task.status !== 'unknown') throw new DeskError('conflict', 'Only a task whose outcome is unknown can be submitted again this way; use retry.');
      return again(task);
    },
    'tasks.check': (input) => {
      controls.check(input.id);
      return view(input.id);
    },
    'tasks.answer': async (input) => {
      await controls.answer(input.id, input.answer);
      return view(input.id);
    },
    'tasks.takeOver': async (input) => ({ webViewUrl: await controls.takeOver(input.id) }),
    'tasks.release': async (input) => {
      await controls.release(input.id);
      return { ok: true as const };
    },
    'tasks.move': (input) => {
      controls.move(input.id, input.priority, input.before);
      return view(input.id);
    },

    'queue.status': () => runner.status(),
    'queue.pause': () => {
      ctx.settings.update({ runner: { queuePaused: true } });
      return runner.status();
    },
    'queue.resume': () => {
      ctx.settings.update({ runner: { queuePaused: false } });
      return runner.status();
    },

    'inbox.list': () =>
      details.openGuardrails().flatMap((g) => {
        const task = store.get(g.taskId);
        return task && task.status === 'needs_input' ? [{ taskId: task.id, prompt: task.prompt, question: g.question, askedAt: g.askedAt, sessionId: task.sessionId }] : [];
      }),

    'history.list': (input) => {
      const page = history.list(input.filter, input.limit, input.before);
      return { tasks: page.tasks.map(publicView), nextCursor: page.nextCursor };
    },
    'history.export': (input) => {
      const content = [...exportChunks(history.iterate(input.filter), input.format)].join('');
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      return { filename: `webrun-desk-history-${stamp}.${input.format}`, mimeType: input.format === 'csv' ? 'text/csv' : 'application/json', content };
    },
    'history.delete': (input) => {
      writable();
      const skipped: string[] = [];
      let deleted = 0;
      for (const id of input.ids) {
        const task = store.get(id);
        // A task WebRun is still working on stays: deleting it would lose track of money spent.
        if (!task || !isEnded(task.status)) {
          skipped.push(id);
          continue;
        }
        store.delete(id);
        rmSync(join(ctx.filesDir, id), { recursive: true, force: true });
        deleted += 1;
      }
      return { deleted, skipped };
    },
    'templates.list': () => ctx.settingsStore.get('templates', Templates),
    'templates.save': (input) => {
      writable();
      const others = ctx.settingsStore.get('templates', Templates).filter((t) => t.name !== input.name);
      const next = [...others, input].sort((a, b) => a.name.localeCompare(b.name));
      ctx.settingsStore.set('templates', next);
      return next;
    },
    'templates.delete': (input) => {
      writable();
      const next = ctx.settingsStore.get('templates', Templates).filter((t) => t.name !== input.name);
      ctx.settingsStore.set('templates', next);
      return next;
    },
    'files.upload': async (input) =>
      remote('upload the files', () =>
        ctx.client.uploadFiles(input.files.map((f) => ({ name: f.name, type: f.type, data: Buffer.from(f.base64, 'base64') }))),
      ),
    'spend.summary': (input) => spendSummary(history, ctx.budget(), ctx.now(), input.tzOffsetMinutes, input.days),

    'sessions.list': () => sessions.listRecent(100).map(sessionView),
    'sessions.terminate': async (input) => {
      writable();
      if (!sessions.get(input.id)) throw new DeskError('not_found', `No session ${input.id} is known to this app.`);
      await controls.terminate(input.id);
      return { ok: true as const };
    },
    'sessions.terminateStray': async () => {
      writable();
      const { done, failed } = await manyResult(sessions.stray().map((s) => s.id), (id) => controls.terminate(id));
      return { terminated: done, failed };
    },

    'settings.get': () => ctx.settings.get(),
    'settings.update': (input) => {
      writable();
      return ctx.settings.update(input);
    },

    'secrets.status': () => ctx.secrets.status(),
    'secrets.setApiKey': (input) => {
      if (ctx.secrets.status().source === 'env') throw new DeskError('conflict', 'WEBRUN_API_KEY is set in the environment and takes precedence; change it there.');
      try {
        ctx.secrets.setApiKey(input.apiKey);
      } catch (error) {
        throw new DeskError('unavailable', (error as Error).message);
      }
      // The running backend keeps its key until the next start (tasks in flight stay on it).
      return { ...ctx.secrets.status(), restartRequired: ctx.secrets.apiKey() !== ctx.activeApiKey };
    },
    'secrets.clearApiKey': () => {
      if (ctx.secrets.status().source === 'env') throw new DeskError('conflict', 'WEBRUN_API_KEY is set in the environment; unset it there.');
      ctx.secrets.clearApiKey();
      return { ...ctx.secrets.status(), restartRequired: ctx.secrets.apiKey() !== ctx.activeApiKey };
    },
    'credentials.save': (input) => {
      try {
        ctx.secrets.saveCredentials(input.match.toLowerCase(), input.fields);
      } catch (error) {
        throw new DeskError('unavailable', (error as Error).message);
      }
      return ctx.secrets.status();
    },
    'credentials.delete': (input) => {
      ctx.secrets.deleteCredentials(input.match.toLowerCase());
      return ctx.secrets.status();
    },
  };
}
