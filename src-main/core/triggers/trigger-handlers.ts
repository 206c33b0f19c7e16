// The triggers methods: WebRun's cron jobs with their schedule in words, their runs (with the
// cost of the imported task), the import into the history and the budget cap per trigger.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers } from '../../contract/index';
import type { TriggerMethodName, TriggerRunView, TriggerView } from '../../contract/triggers';
import type { TriggerPrefs, TriggerPrefsStore } from './budget-pause';
import type { RunImporter } from './import-runs';
import type { TriggerRunStore } from './run-store';
import { checkSchedule, describeSchedule, nextOccurrences } from '../../contract/schedule';
import type { CronJob, CronJobInput, CronRun, TriggersClient } from '../webrun/triggers-client';
import { remote } from '../webrun/remote';
import { timeOf } from '../webrun/iso-time';

export interface TriggerHandlerContext {
  triggers: TriggersClient;
  importer: RunImporter;
  runs: TriggerRunStore;
  prefs: TriggerPrefsStore;
  now(): number;
  writable(): void;
  /** After an import: count the new spend, and pause capped triggers if a cap is reached. */
  afterImport(): Promise<void>;
}

export function triggerView(job: CronJob, prefs: TriggerPrefs): TriggerView {
  const paused = job.status === 'paused';
  const auto =
    paused && job.consecutiveFailures >= job.maxConsecutiveFailures
      ? `Paused automatically after ${job.consecutiveFailures} consecutive failures`
      : null;
  return {
    id: job.id,
    name: job.name,
    description: job.description,
    environmentId: job.environmentId,
    prompt: job.prompt,
    startingUrl: job.startingUrl,
    scheduleType: job.scheduleType,
    scheduleAt: job.scheduleAt,
    scheduleInterval: job.scheduleInterval,
    scheduleCron: job.scheduleCron,
    timezone: job.timezone,
    scheduleText: describeSchedule(job),
    status: job.status,
    nextRunAt: timeOf(job.nextRunAt),
    consecutiveFailures: job.consecutiveFailures,
    maxConsecutiveFailures: job.maxConsecutiveFailures,
    pausedReason: paused ? (prefs.pausedByBudget[job.id] ?? job.pausedReason ?? auto) : null,
    budgetCapped: prefs.capped.includes(job.id),
  };
}

type Fields = Partial<Omit<CronJobInput, 'startingUrl'>> & { startingUrl?: string | null };

/** The create/update body: the app reads runs itself, so it asks for no webhook ("bot" delivery). */
function body(fields: Fields, create: boolean): Partial<CronJobInput> {
  const out: Partial<CronJobInput> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && value !== null) (out as Record<string, unknown>)[key] = value;
  if ('startingUrl' in fields && fields.startingUrl === null)
    (out as Record<string, unknown>).startingUrl = null;
  if (create) out.deliveryMode = 'bot';
  return out;
}

/**
 * One run as the Schedules view shows it. WebRun documents a run as only `{_id, cronJobId,
 * status, createdAt}`: without the ids of the task behind it, its result went to the trigger's
 * webhook or bot and the app can show only its status (and the cost, when one was reported).
 */
export function triggerRunView(
  run: CronRun,
  local: { taskId: string; cost: number | null } | null,
): TriggerRunView {
  const usage = run.raw.usage as { cost?: unknown } | undefined;
  return {
    id: run.id,
    status: run.status,
    createdAt: timeOf(run.createdAt),
    completedAt: timeOf(run.completedAt),
    taskId: local?.taskId ?? null,
    cost: local?.cost ?? (typeof usage?.cost === 'number' ? usage.cost : null),
    error: run.error,
    hasTask: run.sessionId !== null && run.taskId !== null,
  };
}

/** Why these schedule fields cannot be saved (invalid_input), when a schedule is given. */
function checkFields(fields: Fields): void {
  if (fields.scheduleType === undefined) return;
  const checked = checkSchedule(fields as Parameters<typeof checkSchedule>[0]);
  if (!checked.ok) throw new DeskError('invalid_input', checked.message);
}

/** The views a trigger's handlers answer with: a job, a job read again, a page of its runs. */
function viewsOf(ctx: TriggerHandlerContext) {
  const view = (job: CronJob): TriggerView => triggerView(job, ctx.prefs.get());
  return {
    view,
    fresh: async (id: string): Promise<TriggerView> =>
      view((await remote('read the trigger', () => ctx.triggers.get(id))).job),
    runViews: (triggerId: string, runs: CronRun[]): TriggerRunView[] => {
      const imported = ctx.runs.imported(triggerId);
      return runs.map((run) => triggerRunView(run, imported.get(run.id) ?? null));
    },
  };
}

export function triggerHandlers(ctx: TriggerHandlerContext): Pick<DeskHandlers, TriggerMethodName> {
  return { ...triggerEdits(ctx), ...triggerRuns(ctx) };
}

/** The triggers at WebRun: listed, read, created, changed, deleted, paused, run, previewed. */
function triggerEdits(ctx: TriggerHandlerContext) {
  const { view, fresh, runViews } = viewsOf(ctx);
  return {
    'triggers.list': async () =>
      (await remote('list the triggers', () => ctx.triggers.list())).map(view),
    'triggers.get': async (input) => {
      const { job } = await remote('read the trigger', () => ctx.triggers.get(input.id));
      const page = await remote('read the trigger’s runs', () =>
        ctx.triggers.runs(input.id, 1, 20),
      );
      return { trigger: view(job), runs: runViews(job.id, page.runs) };
    },
    'triggers.create': async (input) => {
      ctx.writable();
      checkFields(input);
      return view(
        await remote('create the trigger', () =>
          ctx.triggers.create(body(input, true) as CronJobInput),
        ),
      );
    },
    'triggers.update': async (input) => {
      ctx.writable();
      if (input.patch.scheduleType !== undefined) checkFields(input.patch);
      return view(
        await remote('update the trigger', () =>
          ctx.triggers.update(input.id, body(input.patch, false)),
        ),
      );
    },
    'triggers.delete': async (input) => {
      await remote('delete the trigger', () => ctx.triggers.delete(input.id));
      ctx.prefs.update((p) => ({
        capped: p.capped.filter((id) => id !== input.id),
        pausedByBudget: Object.fromEntries(
          Object.entries(p.pausedByBudget).filter(([id]) => id !== input.id),
        ),
      }));
      return { ok: true as const };
    },
    'triggers.pause': async (input) => {
      await remote('pause the trigger', () => ctx.triggers.pause(input.id));
      return fresh(input.id);
    },
    'triggers.resume': async (input) => {
      await remote('resume the trigger', () => ctx.triggers.resume(input.id));
      ctx.prefs.update((p) => ({
        ...p,
        pausedByBudget: Object.fromEntries(
          Object.entries(p.pausedByBudget).filter(([id]) => id !== input.id),
        ),
      }));
      return fresh(input.id);
    },
    'triggers.run': async (input) => ({
      message: await remote('run the trigger now', () => ctx.triggers.trigger(input.id)),
    }),
    'triggers.preview': (input) => {
      const checked = checkSchedule(input);
      if (!checked.ok) return { text: '', nextRuns: [], error: checked.message };
      return {
        text: describeSchedule(checked.value),
        nextRuns: nextOccurrences(checked.value, ctx.now(), 3),
        error: null,
      };
    },
  } satisfies Partial<DeskHandlers>;
}

/** A trigger's runs: read a page at a time, imported into the history, capped by the budget. */
function triggerRuns(ctx: TriggerHandlerContext) {
  const { fresh, runViews } = viewsOf(ctx);
  return {
    'triggers.runs': async (input) => {
      const page = await remote('read the trigger’s runs', () =>
        ctx.triggers.runs(input.id, input.page, 20),
      );
      return {
        runs: runViews(input.id, page.runs),
        page: page.page,
        totalPages: page.totalPages,
        total: page.total,
      };
    },
    'triggers.importRuns': async () => {
      ctx.writable();
      const result = await remote('import the trigger runs', () => ctx.importer.importAll());
      await ctx.afterImport();
      return result;
    },
    'triggers.setBudgetCap': async (input) => {
      ctx.prefs.update((p) => ({
        ...p,
        capped: input.capped
          ? [...new Set([...p.capped, input.id])]
          : p.capped.filter((id) => id !== input.id),
      }));
      await ctx.afterImport();
      return fresh(input.id);
    },
  } satisfies Partial<DeskHandlers>;
}
