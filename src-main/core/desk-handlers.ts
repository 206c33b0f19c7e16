// The contract's methods, implemented on the core. Inputs arrive parsed by the contract;
// every refusal is a DeskError with a code the UI can act on and a message a person can read.
import { randomUUID } from 'node:crypto';
import { DeskError } from '../contract/dispatch';
import type { DeskHandlers } from '../contract/index';
import { Template, type AppInfo, type BackendSettings, type BudgetSettings, type BudgetStatus, type IntegrityStatus, type RunnerSettings, type SessionView, type TaskView } from '../contract/schemas';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SettingsStore } from './store/settings-store';
import type { WebRunClient } from './webrun/client';
import { isTerminal, type Runner, type RunnerClient } from './runner/runner';
import { spendSummary } from './spend';
import { exportChunks } from './store/export';
import { storageProblem } from './store/storage-errors';
import type { SecretStore } from './secrets/secret-store';
import type { HistoryStore } from './store/history-store';
import type { SessionStore } from './store/session-store';
import type { TaskDetailsStore } from './store/task-details-store';
import type { StoredTask, TaskStore } from './store/task-store';
import { WebRunError } from './webrun/errors';
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
  client: Pick<RunnerClient, 'setState' | 'interact'> & Pick<WebRunClient, 'uploadFiles'>;
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
  integrity: () => IntegrityStatus;
}

/** The contract's TaskView, without runner-only fields such as the poll URL. */
export function publicView(task: StoredTask): TaskView {
  const { pollUrl: _pollUrl, ...view } = task;
  return view;
}

/** Runs a call to WebRun, turning its failure into a message for the person who asked. */
async function remote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeskError) throw error;
    const message = error instanceof WebRunError ? error.message : String(error);
    throw new DeskError('remote', `Could not ${what}: ${message}`);
  }
}

const LIVE = new Set(['running', 'needs_input', 'paused']);

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
  const live = (id: string, action: string): StoredTask => {
    writable();
    const task = getTask(id);
    if (task.status === 'submitting') throw new DeskError('conflict', `The task is being submitted; ${action} it in a moment.`);
    if (!LIVE.has(task.status) || !task.sessionId) throw new DeskError('conflict', `Only a running task can be ${action === 'stop' ? 'stopped' : `${action}d`}; this one is ${task.status.replace('_', ' ')}.`);
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

  const terminate = async (id: string): Promise<void> => {
    await remote('terminate the session', async () => {
      try {
        await runner.terminateSession(id);
      } catch (error) {
        // Already gone at WebRun: it bills no more, so record it as ended.
        if (error instanceof WebRunError && error.kind === 'not_found') sessions.end(id, 'not_found', ctx.now());
        else throw error;
      }
    });
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

  const cancel = async (id: string): Promise<TaskView> => {
    writable();
    const task = getTask(id);
    if (task.status === 'queued') {
      runner.change(id, { status: 'cancelled', endedAt: ctx.now(), error: { code: 'CANCELLED', message: 'Cancelled before it was sent.' } });
      return view(id);
    }
    live(id, 'cancel');
    await remote('cancel the task', () => runner.stopRemote(id, 'cancelled', { code: 'CANCELLED', message: 'Cancelled by the user.' }));
    return view(id);
  };

  return {
    'app.info': () => ctx.info,
    'app.integrity': () => ctx.integrity(),

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
      live(input.id, 'stop');
      await remote('stop the task', () => runner.stopRemote(input.id, 'stopped', { code: 'STOPPED', message: 'Stopped by the user.' }));
      return view(input.id);
    },
    'tasks.pause': async (input) => {
      const task = live(input.id, 'pause');
      if (task.status !== 'running') throw new DeskError('conflict', `Only a running task can be paused; this one is ${task.status.replace('_', ' ')}.`);
      await remote('pause the task', () => ctx.client.setState(task.sessionId!, 'pause'));
      runner.change(task.id, { status: 'paused' });
      return view(task.id);
    },
    'tasks.resume': async (input) => {
      const task = live(input.id, 'resume');
      if (task.status !== 'paused') throw new DeskError('conflict', 'Only a paused task can be resumed.');
      await remote('resume the task', () => ctx.client.setState(task.sessionId!, 'resume'));
      runner.change(task.id, { status: 'running' });
      runner.pollNow(task.id);
      return view(task.id);
    },
    'tasks.retry': (input) => {
      const task = getTask(input.id);
      if (!isTerminal(task.status)) throw new DeskError('conflict', 'Only a finished task can be run again.');
      return again(task);
    },
    'tasks.resubmit': (input) => {
      const task = getTask(input.id);
      if (task.status !== 'unknown') throw new DeskError('conflict', 'Only a task whose outcome is unknown can be submitted again this way; use retry.');
      return again(task);
    },
    'tasks.check': (input) => {
      writable();
      const task = getTask(input.id);
      if (task.status !== 'unknown') throw new DeskError('conflict', 'Only a task whose outcome is unknown needs checking.');
      if (!task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
        throw new DeskError('conflict', 'WebRun never told us this task’s ids, so it cannot be checked; submit it again if you need it.');
      }
      runner.change(task.id, { status: 'running', endedAt: null, error: null });
      runner.track(task.id);
      return view(task.id);
    },
    'tasks.answer': async (input) => {
      writable();
      const task = getTask(input.id);
      if (task.status !== 'needs_input') throw new DeskError('conflict', 'This question has already been answered or the task has ended.');
      if (runner.isAnswering(task.id)) throw new DeskError('conflict', 'An answer to this question is already being sent.');
      await remote('send the answer', () => runner.answer(task.id, input.answer));
      return view(task.id);
    },
    'tasks.takeOver': async (input) => {
      const task = live(input.id, 'take over');
      await remote('take over the browser', () => ctx.client.interact(task.sessionId!, { type: 'takeOverControl' }));
      store.appendEvent(task.id, 'remote', { control: 'takeOverControl' });
      return { webViewUrl: sessions.get(task.sessionId!)?.webViewUrl ?? null };
    },
    'tasks.release': async (input) => {
      const task = live(input.id, 'release');
      await remote('hand the browser back', () => ctx.client.interact(task.sessionId!, { type: 'releaseControl' }));
      store.appendEvent(task.id, 'remote', { control: 'releaseControl' });
      return { ok: true as const };
    },
    'tasks.move': (input) => {
      writable();
      const task = getTask(input.id);
      if (task.status !== 'queued') throw new DeskError('conflict', 'Only a queued task can be moved.');
      const priority = input.priority ?? task.priority;
      const peers = store.queued().filter((t) => t.priority === priority && t.id !== task.id);
      let order: number;
      const index = input.before ? peers.findIndex((t) => t.id === input.before) : -1;
      if (input.before && index < 0) throw new DeskError('not_found', 'The task to move before is not queued at that priority.');
      const orderOf = (t: StoredTask): number => store.queueOrder(t.id);
      if (index < 0) order = peers.length ? orderOf(peers[peers.length - 1]!) + 1 : ctx.now();
      else if (index === 0) order = orderOf(peers[0]!) - 1;
      else order = (orderOf(peers[index - 1]!) + orderOf(peers[index]!)) / 2;
      runner.change(task.id, { priority, queueOrder: order });
      runner.kick();
      return view(task.id);
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
        if (!task || !isTerminal(task.status)) {
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
      await terminate(input.id);
      return { ok: true as const };
    },
    'sessions.terminateStray': async () => {
      writable();
      const { done, failed } = await manyResult(sessions.stray().map((s) => s.id), terminate);
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
